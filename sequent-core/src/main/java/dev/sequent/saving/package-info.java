/**
 * Saving and loading: safetensors weight files and the whole-model .sequent archive.
 */
package dev.sequent.saving;
