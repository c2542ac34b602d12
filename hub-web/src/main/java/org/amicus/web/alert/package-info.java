/** The REST API of security alerts: issue, update, withdraw, acknowledge, the dashboard, STIX 2.1 exchange. */
package org.amicus.web.alert;
