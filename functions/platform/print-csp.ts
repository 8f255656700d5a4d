/**
 * The printable pages' Content-Security-Policy, in a file of its own: every HTTP function's middleware
 * sends it with an HTML answer, and only the printing code needs the rest of print.ts.
 */
/** The print button's `onclick` handler, the one script a printable page runs. */
export const PRINT_BUTTON_SCRIPT = "'unsafe-hashes' 'sha256-MguIPR6qNR8D3B+eAlK+bIRTZe8t3wkOY4B/56Me9FU='";
/**
 * What a printable page may do: show its own inline styles and data: images, run nothing but its
 * print button's handler (allowed by hash), load and send nothing. Sent as a header by the http
 * stack and repeated in a <meta> tag, since the web app shows the page from a blob URL.
 */
export const PRINT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; " +
  `script-src ${PRINT_BUTTON_SCRIPT}; base-uri 'none'; form-action 'none'`;
