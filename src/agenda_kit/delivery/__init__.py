"""Delivery: the agenda published to a CalDAV server (``publish``) and the invitations
of ``invite --eml`` sent through an SMTP server (``send``). The modules, by job:

- ``secrets``: credentials from the environment or netrc, and keeping them out of
  every text;
- ``objects``: the calendar objects of an agenda and how they compare (pure);
- ``dav``: the CalDAV server, through the ``caldav`` library's client;
- ``publishing``: a calendar brought in line with the agenda;
- ``mailing``: the pending e-mails of an invitation folder, sent and recorded one by one.
"""
