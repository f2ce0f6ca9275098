export { type RotatorTokenSource, TokenRotator, type TokenRotatorOptions } from "@stream-tokens/core/rotator";
