/** REST for this node's organisation identity and the key directory of peer organisations. */
package org.amicus.web.identity;
