/**
 * The crypto unit: the only code in Amicus that touches cryptography (Bouncy Castle behind a narrow
 * API). Today: the organisation's OpenPGP key ({@link OrganisationKey}: generate, protect under a
 * passphrase, fingerprint, export). Next (issue 3): seal and open of envelopes as specified in
 * docs/protocol/envelope.md, and the key directory's certificate checks.
 */
package org.amicus.messaging.envelope;
