/**
 * The longest display name kept for a subscriber. A name goes into every message's To header
 * and greeting; a 10 MB field must not make a 30 MB message or a 5,000-byte header line.
 */
export const MAX_NAME_LENGTH = 200;
