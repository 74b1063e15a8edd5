/** A link that cannot be opened, in words; nothing was changed. */
export class ShareLinkError extends Error {
  override name = 'ShareLinkError';
}
