export { decodeShareLink, encodeShareLink, SHARE_VERSION, ShareLinkError, type MissingTable, type ShareBundle, type SharedFile } from './link';
export { applyLinkParams } from './params';
export { externalHosts } from './hosts';
export { chooseEmbeds, EMBED_LIMIT, type EmbedCandidate } from './embed';
export { fromBase64Url, toBase64Url } from './base64url';
export { LINK_LIMITS } from './limits';
