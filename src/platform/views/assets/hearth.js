// Starts GOV.UK Frontend and MOJ Frontend components. Every page works
// without this file; it only adds enhancements.
import { initAll } from '/assets/govuk/govuk-frontend.min.js';
import { initAll as initMoj } from '/assets/moj/moj-frontend.min.js';

initAll();
initMoj();
