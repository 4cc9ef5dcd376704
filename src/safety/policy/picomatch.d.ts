/** The part of picomatch's API the policy uses (the package ships no types of its own). */
declare module 'picomatch' {
  interface PicomatchOptions {
    /** `*` matches `/` too (bash's rules). */
    bash?: boolean;
    dot?: boolean;
    nocase?: boolean;
    /** Unbalanced brackets are errors instead of literals. */
    strictBrackets?: boolean;
    noextglob?: boolean;
  }
  type Matcher = (input: string) => boolean;
  interface Picomatch {
    (glob: string, options?: PicomatchOptions): Matcher;
    makeRe(glob: string, options?: PicomatchOptions): RegExp;
  }
  const picomatch: Picomatch;
  export default picomatch;
}
