/**
 * Small shared helpers: atomic file writes, strict UTF-8 decoding, seeding, and "did you mean" suggestions for unknown names.
 */
package dev.sequent.util;
