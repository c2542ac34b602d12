/** The tamper-evident audit log of every access and change (issue 5). */
package org.amicus.core.audit;
