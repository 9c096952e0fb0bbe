/** SPF, DKIM, DMARC and Authentication-Results. */
package smtp.auth;
