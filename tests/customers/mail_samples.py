"""A messy customer-service mailbox: every kind of message real mail brings, as bytes.

The same messages are written out as .eml files, an mbox file, a Maildir folder and an IMAP
folder, so each source can be shown to import them the same way.
"""

import base64
import mailbox
from pathlib import Path

SUPPORT = "asiakaspalvelu@webstrella.fi"
CUSTOMER_ADDRESS = "matti.jarvinen@example.fi"
UNKNOWN_ADDRESS = "tuntematon@example.net"

FIRST_ID = "<tilaus-1@mail.example.fi>"


def _crlf(text: str) -> bytes:
    return text.replace("\n", "\r\n").encode("ascii")


MULTIPART_ALTERNATIVE = _crlf(
    """From: =?iso-8859-1?q?J=E4rvinen=2C_Matti?= <Matti.Jarvinen@Example.FI>
To: Asiakaspalvelu <asiakaspalvelu@webstrella.fi>
Subject: =?utf-8?q?Tilauksen_p=C3=A4ivitys?=
Date: Mon, 02 Nov 2026 09:15:00 +0200
Message-ID: <tilaus-1@mail.example.fi>
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="alt"

--alt
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

Hei,=0A=0Avoisitteko p=C3=A4ivitt=C3=A4=C3=A4 tilauksen osoitteen?
--alt
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: quoted-printable

<p>Hei,</p><p>voisitteko <b>p=C3=A4ivitt=C3=A4=C3=A4</b> tilauksen osoitteen?</p>
--alt--
"""
)

_HTML = (
    "<html><head><title>Uutiskirje</title><style>p {color: red}</style>"
    "<script>alert('x')</script></head><body><div>Hyv\u00e4\u00e4 p\u00e4iv\u00e4\u00e4!</div>"
    '<p>Laskunne er\u00e4p\u00e4iv\u00e4 on <a href="https://example.net/x">t\u00e4ss\u00e4</a>.</p>'
    '<img src="https://tracker.example.net/pixel.gif?u=123" width="1" height="1">'
    "<script type='text/javascript'>document.write('y')</script></body></html>"
)
HTML_ONLY = _crlf(
    """From: Tuntematon Lähettäjä <tuntematon@example.net>
To: asiakaspalvelu@webstrella.fi
Subject: HTML only
Date: Mon, 02 Nov 2026 10:00:00 +0200
Message-ID: <html-1@example.net>
MIME-Version: 1.0
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: base64

""".replace("Lähettäjä", "=?utf-8?b?" + base64.b64encode("Lähettäjä".encode()).decode() + "?=")
) + base64.encodebytes(_HTML.encode()).replace(b"\n", b"\r\n")

LATIN1_DECLARED = _crlf(
    """From: matti.jarvinen@example.fi
To: asiakaspalvelu@webstrella.fi
Subject: =?ISO-8859-1?Q?Lasku_ep=E4selv=E4?=
Date: Tue, 03 Nov 2026 08:00:00 +0200
Message-ID: <latin1-1@mail.example.fi>
MIME-Version: 1.0
Content-Type: text/plain; charset=iso-8859-1
Content-Transfer-Encoding: 8bit

"""
) + "Hyvää päivää, laskussa on epäselvyys.\r\n".encode("iso-8859-1")

# Windows-1252 with no charset at all, an 8-bit subject, and a euro sign and curly quotes.
CP1252_UNDECLARED = (
    _crlf(
        """From: matti.jarvinen@example.fi
To: asiakaspalvelu@webstrella.fi
Date: Tue, 03 Nov 2026 09:00:00 +0200
Message-ID: <cp1252-1@mail.example.fi>
"""
    )
    + "Subject: Hinta äkkiä 12 €\r\n\r\n".encode("cp1252")
    + "Hinta on “12 €” – sopiiko?\r\n".encode("cp1252")
)

# Neither Date nor Message-ID: the time comes from Received, the identity from the content.
NO_DATE_NO_MESSAGE_ID = _crlf(
    """Received: from mx.example.fi by mx.webstrella.fi; Wed, 04 Nov 2026 07:30:00 +0200
From: matti.jarvinen@example.fi
To: asiakaspalvelu@webstrella.fi
Subject: Ilman tunnisteita

Viestist\u00e4 puuttuu p\u00e4iv\u00e4ys.
""".replace("\u00e4", "a")
)

MALFORMED_DATE_AND_ID = _crlf(
    """Received: from mx.example.fi by mx.webstrella.fi; Wed, 04 Nov 2026 08:30:00 +0200
From: matti.jarvinen@example.fi
To: asiakaspalvelu@webstrella.fi
Subject: Rikkinainen paivays
Date: 32 Foo 20xx 25:61:00 +9999
Message-ID: not valid at all

Paivays ja tunniste ovat rikki.
"""
)

LONG_LINE = "x" * 100_000
LONG_LINES_AND_NUL = (
    _crlf(
        """From: matti.jarvinen@example.fi
To: asiakaspalvelu@webstrella.fi
Subject: Pitkat rivit
Date: Wed, 04 Nov 2026 09:00:00 +0200
Message-ID: <long-1@mail.example.fi>

Alku"""
    )
    + b"\x00NUL\x00\r\n"
    + LONG_LINE.encode()
    + b"\r\nLoppu\r\n"
)

PDF_BYTES = b"%PDF-1.4\n" + bytes(range(256)) * 8
WITH_ATTACHMENT = (
    _crlf(
        """From: matti.jarvinen@example.fi
To: asiakaspalvelu@webstrella.fi
Subject: Liite
Date: Wed, 04 Nov 2026 10:00:00 +0200
Message-ID: <liite-1@mail.example.fi>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="mix"

--mix
Content-Type: text/plain; charset=utf-8

Lasku liitteen\u00e4.
--mix
Content-Type: application/pdf; name="lasku.pdf"
Content-Disposition: attachment; filename*=utf-8''lasku%C3%A4.pdf
Content-Transfer-Encoding: base64

""".replace("\u00e4", "a")
    )
    + base64.encodebytes(PDF_BYTES).replace(b"\n", b"\r\n")
    + b"--mix--\r\n"
)

# A sender with no address: cannot be recorded, and sits in the middle of the mailbox.
BROKEN = _crlf(
    """X-Mailer: rikki
Subject: =?utf-8?q?ei_l=C3=A4hett=C3=A4j=C3=A4=C3=A4?=

Ei lahettajaa.
"""
)

REPLY_FROM_SUPPORT = _crlf(
    """From: Webstrella <asiakaspalvelu@webstrella.fi>
To: matti.jarvinen@example.fi
Subject: Re: Tilauksen paivitys
Date: Thu, 05 Nov 2026 12:00:00 +0200
Message-ID: <vastaus-1@webstrella.fi>
In-Reply-To: <tilaus-1@mail.example.fi>
References: <tilaus-1@mail.example.fi>

Osoite on paivitetty.
"""
)

CUSTOMER_REPLY = _crlf(
    """From: MATTI.JARVINEN@EXAMPLE.FI
To: asiakaspalvelu@webstrella.fi
Subject: Re: Re: Tilauksen paivitys
Date: Thu, 05 Nov 2026 13:00:00 +0200
Message-ID: <kiitos-1@mail.example.fi>
In-Reply-To: <vastaus-1@webstrella.fi>
References: <tilaus-1@mail.example.fi>
 <vastaus-1@webstrella.fi>

Kiitos!
"""
)

MESSAGES: list[tuple[str, bytes]] = [
    ("01-multipart-alternative", MULTIPART_ALTERNATIVE),
    ("02-html-only", HTML_ONLY),
    ("03-latin1-declared", LATIN1_DECLARED),
    ("04-cp1252-undeclared", CP1252_UNDECLARED),
    ("05-broken", BROKEN),
    ("06-no-date-no-message-id", NO_DATE_NO_MESSAGE_ID),
    ("07-malformed-date-and-id", MALFORMED_DATE_AND_ID),
    ("08-long-lines-and-nul", LONG_LINES_AND_NUL),
    ("09-attachment", WITH_ATTACHMENT),
    ("10-reply-from-support", REPLY_FROM_SUPPORT),
    ("11-customer-reply", CUSTOMER_REPLY),
]
GOOD_MESSAGES = len(MESSAGES) - 1
# Mail whose customer is not in the register: the HTML newsletter's sender.
UNKNOWN_SENDERS = 1


def write_eml_folder(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in MESSAGES:
        path = folder / f"{name}.eml"
        path.write_bytes(data)
        paths.append(path)
    return paths


def write_mbox(path: Path, messages=MESSAGES) -> Path:
    box = mailbox.mbox(path, create=True)
    try:
        for _, data in messages:
            box.add(data)
        box.flush()
    finally:
        box.close()
    return path


def write_maildir(path: Path, messages=MESSAGES) -> Path:
    box = mailbox.Maildir(path, create=True)
    try:
        for _, data in messages:
            box.add(data)
    finally:
        box.close()
    return path
