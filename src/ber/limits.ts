/** Limits a decoder enforces on untrusted input. */
export interface DecodeOptions {
  /** Largest message accepted, in bytes. Default 1,048,576 (TCP can carry more than UDP's 65,507). */
  maxMessageSize?: number;
  /** Most varbinds accepted in one PDU. Default 65,535. */
  maxVarBinds?: number;
  /** Deepest nesting of constructed elements accepted by the generic decoder. Default 32. */
  maxDepth?: number;
  /**
   * Copy octet-string values and OID octets out of the input instead of viewing it, so the
   * decoded value does not change when the input buffer is reused. Default false.
   */
  copyOctets?: boolean;
}

/** Default decode limits. */
export const DEFAULT_DECODE_LIMITS = {
  maxMessageSize: 1 << 20,
  maxVarBinds: 65535,
  maxDepth: 32,
} as const;
