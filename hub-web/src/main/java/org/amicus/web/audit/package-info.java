/** REST resources of the audit log. */
package org.amicus.web.audit;
