/**
 * The sequent command: list, summary, run and bench.
 */
package dev.sequent.cli;
