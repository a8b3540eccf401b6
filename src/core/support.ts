/**
 * A backend's answer to one portable feature: whether it honours it, how, or why not and what to do instead.
 * `plan`, the README's capability tables and the errors of refused features show these answers.
 *
 * @example
 * const ha = Support.refused('the in-cluster backend runs a single instance', 'select a profile whose backend offers HA');
 */
export class Support {
  /** The backend honours the feature; `how` says by what (shown by `plan`). */
  public static honouredBy(how: string): Support {
    return new Support(true, how, undefined);
  }

  /** The backend does not honour the feature: using it fails at synth with `reason` and `fix`. */
  public static refused(reason: string, fix: string): Support {
    return new Support(false, reason, fix);
  }

  private constructor(
    /** Whether the feature is honoured. */
    public readonly honoured: boolean,
    /** How it is honoured, or why not. */
    public readonly description: string,
    /**
     * What to do instead, when refused.
     * @default - none (honoured)
     */
    public readonly fix?: string,
  ) {}
}
