/**
 * The client seam: what a verb may do to the machine being prestaged (files, descriptors, read-only marks,
 * registry, commands) and the settings a run gives it; imported by verbs and by every client implementation.
 */
package prestage.core.client;
