/** Evidence files at rest in the node's data directory: encrypted segments, hashed as they arrive (issue 6). */
package org.amicus.messaging.evidence;
