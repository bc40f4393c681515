// Customers' words shown in HTML (search highlights, verbatims) are escaped first, so a
// complaint quoting markup shows it rather than runs it.
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
