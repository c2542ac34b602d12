/** Security alerts as this node keeps them: the alert, its words, its recipients' acknowledgements. */
package org.amicus.core.alert.entity;
