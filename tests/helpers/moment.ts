/** Something that happens later in a test: a promise to wait on, and the call that says it did. */
export function moment(): { happened: Promise<void>; now: () => void } {
  let now: () => void = () => {};
  const happened = new Promise<void>((resolve) => {
    now = resolve;
  });
  return { happened, now };
}
