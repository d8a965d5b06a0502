// How much filter one request may carry. A filter is compiled into one SQL statement, so these
// bound the statement's size and the recursion that reads it, not the data it selects.

/** Longest filter text (either encoding), in UTF-16 code units: room for a detailed polygon. */
export const MAX_FILTER_CHARS = 1_000_000

/** Deepest nesting of operators the translator follows (each level is one JS stack frame or two). */
export const MAX_FILTER_DEPTH = 100

/** Most values in one IN list. */
export const MAX_IN_LIST = 1000
