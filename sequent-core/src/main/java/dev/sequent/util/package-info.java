/**
 * Small shared helpers: atomic file writes, seeding.
 */
package dev.sequent.util;
