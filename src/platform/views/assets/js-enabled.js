// Marks the page as JavaScript-enabled for GOV.UK Frontend's styles. Kept
// in a file, not inline, because Hearth's content security policy allows no
// inline script.
const supported = 'noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '';
document.body.className += ` js-enabled${supported}`;
