// Both engines must hand back the same JS values for the same SQL, or tests that run on both
// would diverge. pg's defaults are the odd ones out, so both engines use these parsers.

export const INT8 = 20
export const DATE = 1082

/** int8 as number: ids and counts stay far below 2^53. */
export const parseInt8 = (value: string) => Number(value)

/** A date stays 'YYYY-MM-DD'; pg's default turns it into a Date at local midnight, shifting the day. */
export const parseDate = (value: string) => value
