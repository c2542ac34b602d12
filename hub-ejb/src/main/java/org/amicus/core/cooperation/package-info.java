/** Cooperation requests between mechanisms and organisations and their lifecycle (issue 6). */
package org.amicus.core.cooperation;
