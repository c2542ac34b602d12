/** Exchange with standard OpenPGP tools: importing messages that GnuPG or Sequoia signed and encrypted. */
package org.amicus.web.interop;
