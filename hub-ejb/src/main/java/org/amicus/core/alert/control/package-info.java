/** Alerts as they travel and as they are kept sealed; the STIX 2.1 mapping for threat-intelligence tools. */
package org.amicus.core.alert.control;
