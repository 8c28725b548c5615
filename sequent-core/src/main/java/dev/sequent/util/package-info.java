/**
 * Small shared helpers: atomic file writes, strict UTF-8 decoding, seeding.
 */
package dev.sequent.util;
