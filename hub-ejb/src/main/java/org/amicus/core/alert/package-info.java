/** Security alerts with acknowledgement and escalation (issue 7). */
package org.amicus.core.alert;
