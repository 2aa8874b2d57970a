/** Limits shared by forms (web) and validation (server). */
export const LIMITS = {
  passwordMin: 12,
  passwordMax: 128,
  usernameMax: 64,
  nameMax: 50,
  orgNameMax: 100,
  titleMax: 100,
  searchMax: 50,
  reasonMin: 4,
  reasonMax: 200,
  pageSizeMax: 200,
  pageSizeDefault: 20,
} as const;
