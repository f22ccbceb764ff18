/**
 * Whether an address is one we will send to: ASCII, one `@`, a dotted domain, no spaces or
 * quotes, within RFC 5321's lengths. Stricter than RFC 5322 on purpose: quoted local parts and
 * IP literals are legal but in a subscriber list they are nearly always typos.
 */
export function isValidEmail(address: string): boolean {
  if (address.length > 254) return false;
  const match =
    /^([A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*)@((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63})$/u.exec(
      address,
    );
  return match !== null && (match[1]?.length ?? 0) <= 64;
}
