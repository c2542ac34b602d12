/** What every capability stands on: schema migrations, the clock, the node's configuration. */
package org.amicus.core.platform;
