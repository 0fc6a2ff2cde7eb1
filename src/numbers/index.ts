// index.ts: exact conversions between binary floats, decimal text and rationals.
export { dyadicFromFloat64Bits, float64ToDyadic, ratFromFloat64, ratFromFloat64Bits } from './ratFromFloat64.js';
export { ratFromFloat32Bits, ratFromBfloat16Bits } from './ratFromFloat32Bits.js';
export { ratFromFloat16Bits } from './ratFromFloat16Bits.js';
export {
  readBinaryFloat,
  readFloat16LE,
  readFloat16BE,
  readFloat32LE,
  readFloat32BE,
  readFloat64LE,
  readFloat64BE,
  BINARY_FLOAT_BYTES,
  type BinaryFloatKind,
} from './readBinaryFloat.js';
export { ratFromDecimal, DECIMAL_PATTERN, type DecimalLimits } from './ratFromDecimal.js';
export { ratFromFloatString } from './ratFromFloatString.js';
export { roundRatToBinary } from './roundRatToBinary.js';
export { roundRatToFloat32, roundRatToFloat64 } from './roundRatToFloat32.js';
export { ratToFloat64 } from './ratToFloat64.js';
