/**
 * The sequent command: list, summary, run (each experiment as the book has it, or a variation of
 * its model: see {@link dev.sequent.cli.ModelOverrides}), reproduce, bench, and datasets (list,
 * fetch, verify the canonical archives in the download cache).
 */
package dev.sequent.cli;
