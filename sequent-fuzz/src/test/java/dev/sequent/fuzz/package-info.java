/**
 * Fuzz tests of every reader of files that come from elsewhere: a deterministic mutation run in
 * every build ({@code ReaderMutationTest}) and Jazzer fuzz tests over the same targets and seed
 * corpus ({@code ReaderFuzzTest}). See docs/reliability.md.
 */
package dev.sequent.fuzz;
