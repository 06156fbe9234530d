// @lhncbc/ucum-lhc ships no type declarations: the one call the indexer and the query side use, as documented at
// https://lhncbc.github.io/ucum-lhc/ (UcumLhcUtils.convertToBaseUnits).
declare module '@lhncbc/ucum-lhc' {
  /** `status` is `succeeded`, or `invalid` / `failed` / `error` with `msg` saying why. */
  export interface UcumBaseUnitsResult {
    readonly status: string;
    /** The value in base units. */
    readonly magnitude?: number;
    /** Base unit symbol → exponent (`mg/dL` → `{ m: -3, g: 1 }`); empty for dimensionless units. */
    readonly unitToExp?: Readonly<Record<string, number>>;
    /** True for non-ratio units (Cel, [degF], [pH], dB…), converted by a function rather than a factor. */
    readonly fromUnitIsSpecial?: boolean;
    readonly msg?: readonly string[];
  }

  export interface UcumLhcUtilsInstance {
    convertToBaseUnits(fromUnit: string, fromVal: number): UcumBaseUnitsResult;
  }

  export const UcumLhcUtils: { getInstance(): UcumLhcUtilsInstance };
}
