/** Schema migration, clock and configuration producers. */
package org.amicus.core.platform.control;
