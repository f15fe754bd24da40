/**
 * HV-6: the domain Windows Internet Connection Sharing puts in its leases (DHCP option 15)
 * and appends to its clients' names in the host's hosts.ics — the Default Switch's and
 * any adapter shared by ICS alike.
 */
export const ICS_DOMAIN = 'mshome.net';
