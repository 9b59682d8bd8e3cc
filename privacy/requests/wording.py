"""The wording of the letters to a requester, in Finnish and English.

Kept here as data, like the inventory's legal wording, so that a letter reads the same
whatever the staff's admin language. `{name}` fields are filled in when a letter is made.
"""

from dataclasses import dataclass

from privacy.audit.models import AuditAction
from privacy.inventory import Text
from privacy.staff.groups import CUSTOMER_SERVICE, PRIVACY_OFFICER, SALES

OTHER_PERSON = Text(fi="(toinen henkilö)", en="(another person)")
YES_NO = {True: Text(fi="kyllä", en="yes"), False: Text(fi="ei", en="no")}

LETTER_TEXTS = {
    "title": Text(fi="Vastaus tarkastuspyyntöön", en="Answer to your access request"),
    "reference": Text(fi="Viite", en="Reference"),
    "date": Text(fi="Päiväys", en="Date"),
    "intro": Text(
        fi=(
            "Olette pyytäneet saada tietää, mitä teitä koskevia tietoja asiakasrekisteriimme on "
            "talletettu. Pyyntönne saapui {received}. Alla ovat kaikki rekisterissä olevat "
            "teitä koskevat tiedot tietoryhmittäin rekisteriselosteen kohdan 3 "
            "järjestyksessä, ja kunkin ryhmän kohdalla tietojen käyttötarkoitus, "
            "tietolähteet, tietojen luovutukset ja säilytysaika (EU:n yleinen "
            "tietosuoja-asetus, 15 artikla)."
        ),
        en=(
            "You asked what data about you is stored in our customer register. Your request "
            "was received on {received}. Below is all the data the register holds about you, "
            "category by category in the order of section 3 of the register description, "
            "with each category's purposes, sources, disclosures and retention (EU General "
            "Data Protection Regulation, Article 15)."
        ),
    ),
    "no_data_at_all": Text(
        fi="Asiakasrekisterissämme ei ole teitä koskevia tietoja.",
        en="Our customer register holds no data about you.",
    ),
    "no_data": Text(
        fi="Tähän ryhmään ei ole talletettu teitä koskevia tietoja.",
        en="No data about you is stored in this category.",
    ),
    "purpose": Text(fi="Käyttötarkoitus", en="Purpose"),
    "source": Text(fi="Tietolähteet", en="Sources"),
    "disclosures": Text(fi="Tietojen luovutukset", en="Disclosures"),
    "retention": Text(fi="Säilytysaika", en="Retention"),
    "data": Text(fi="Talletetut tiedot", en="Data stored"),
    "export": Text(
        fi=(
            "Samat tiedot koneluettavassa muodossa (JSON ja CSV) toimitetaan tämän kirjeen mukana."
        ),
        en="The same data in machine-readable form (JSON and CSV) comes with this letter.",
    ),
    "export_csv": Text(
        fi=(
            "CSV-tiedostossa arvon eteen on lisätty heittomerkki ('), jos arvo alkaa merkillä "
            "=, +, -, @, sarkaimella tai rivinvaihdolla, jotta taulukkolaskentaohjelma ei "
            "suorita sitä kaavana. JSON-tiedostossa arvot ovat sellaisinaan."
        ),
        en=(
            "In the CSV file, a value beginning with =, +, -, @, a tab or a line break is "
            "preceded by an apostrophe (') so that a spreadsheet does not run it as a "
            "formula. The JSON file holds the values as they are."
        ),
    ),
    "summary_held": Text(fi="Talletetut tiedot", en="Data held"),
    "summarised": Text(
        fi=(
            "Kun jotakin tietoa on yli {max_records} kpl, kirje kertoo niistä yhteenvedon "
            "(määrä, ensimmäinen ja viimeisin päivä sekä talletetut tiedot). Jokainen tieto "
            "on kokonaisuudessaan kirjeen mukana tulevissa tiedostoissa."
        ),
        en=(
            "Where there are more than {max_records} records of one kind, the letter gives "
            "a summary of them (how many, the first and last date and the data held). Every "
            "record is in full in the files that come with the letter."
        ),
    ),
    "confirmation": Text(
        fi="Käsittelemme teitä koskevia henkilötietoja.",
        en="We process personal data concerning you.",
    ),
    "recipients": Text(fi="Vastaanottajaryhmät", en="Categories of recipients"),
    "automated_title": Text(
        fi="Automaattinen päätöksenteko ja profilointi",
        en="Automated decision-making and profiling",
    ),
    "no_automated_decisions": Text(
        fi=(
            "Emme tee teistä päätöksiä, jotka perustuvat pelkästään automaattiseen "
            "käsittelyyn, profilointi mukaan lukien, ja joilla on teitä koskevia "
            "oikeusvaikutuksia tai jotka vaikuttavat teihin vastaavalla tavalla merkittävästi "
            "(tietosuoja-asetus, 22 artikla)."
        ),
        en=(
            "We take no decisions about you based solely on automated processing, including "
            "profiling, that produce legal effects concerning you or similarly significantly "
            "affect you (Article 22 of the Regulation)."
        ),
    ),
    "automated_decisions": Text(
        fi=(
            "Teitä koskevia tietoja käytetään seuraavissa pelkästään automaattiseen "
            "käsittelyyn perustuvissa päätöksissä (tietosuoja-asetus, 22 artikla)."
        ),
        en=(
            "Your data is used in the following decisions based solely on automated "
            "processing (Article 22 of the Regulation)."
        ),
    ),
    "automated_other": Text(
        fi="Automaattisesti käsitellään lisäksi seuraavasti:",
        en="Other processing by automated means:",
    ),
    "logic": Text(fi="Käsittelyn logiikka", en="The logic involved"),
    "consequences": Text(
        fi="Merkitys ja seuraukset teille", en="Significance and envisaged consequences for you"
    ),
    "transfers_title": Text(
        fi="Siirrot EU:n ja ETA:n ulkopuolelle",
        en="Transfers outside the EU and the EEA",
    ),
    "no_transfers": Text(
        fi=(
            "Teitä koskevia tietoja ei siirretä Euroopan unionin eikä Euroopan talousalueen "
            "ulkopuolelle."
        ),
        en=(
            "Your data is not transferred outside the European Union or the European Economic Area."
        ),
    ),
    "transfers": Text(
        fi=(
            "Teitä koskevia tietoja voidaan siirtää Euroopan unionin ja Euroopan talousalueen "
            "ulkopuolelle seuraavasti, kukin siirto suojatoimineen (tietosuoja-asetus, 15 "
            "artiklan 2 kohta ja V luku):"
        ),
        en=(
            "Your data may be transferred outside the European Union and the European "
            "Economic Area as follows, each transfer with its safeguards (Article 15(2) and "
            "Chapter V of the Regulation):"
        ),
    ),
    "safeguard": Text(fi="Suojatoimet", en="Safeguards"),
    "copy_title": Text(fi="Jäljennös tiedoistanne", en="A copy of your data"),
    "copy": Text(
        fi=(
            "Tämä kirje ja sen mukana toimitettavat tiedostot ovat jäljennös käsittelemistämme "
            "teitä koskevista henkilötiedoista (tietosuoja-asetus, 15 artiklan 3 kohta)."
        ),
        en=(
            "This letter and the files that come with it are a copy of the personal data "
            "concerning you that we process (Article 15(3) of the Regulation)."
        ),
    ),
    "rights_title": Text(
        fi="Oikeutenne ja niiden käyttäminen", en="Your rights and how to use them"
    ),
    "right_access": Text(
        fi=(
            "Oikeus tarkastaa tiedot (15 artikla): voitte pyytää tämän vastauksen kaltaisen "
            "selvityksen uudelleen."
        ),
        en=("Right of access (Article 15): you may ask again for an account like this one."),
    ),
    "right_rectification": Text(
        fi=(
            "Oikeus tietojen oikaisemiseen (16 artikla): kertokaa, mikä tieto on virheellinen "
            "tai puutteellinen ja mikä on oikea tieto."
        ),
        en=(
            "Right to rectification (Article 16): tell us which data is inaccurate or "
            "incomplete and what it should be."
        ),
    ),
    "right_erasure": Text(
        fi=(
            "Oikeus tietojen poistamiseen (17 artikla): poistamme tiedot, joita meidän ei "
            "tarvitse säilyttää. Lain nojalla säilytettävät tiedot, kuten kirjanpidon "
            "tositteet, säilytetään säilytysajan loppuun ja poistetaan sitten."
        ),
        en=(
            "Right to erasure (Article 17): we erase the data we need not keep. Data the law "
            "requires us to keep, such as accounting vouchers, is kept until its retention "
            "ends and then erased."
        ),
    ),
    "right_restriction": Text(
        fi=(
            "Oikeus käsittelyn rajoittamiseen (18 artikla): esimerkiksi siksi aikaa, kun "
            "tietojen paikkansapitävyyttä tarkistetaan."
        ),
        en=(
            "Right to restriction of processing (Article 18): for instance while the "
            "accuracy of the data is checked."
        ),
    ),
    "right_objection": Text(
        fi=(
            "Oikeus vastustaa käsittelyä (21 artikla): erityiseen tilanteeseenne liittyvällä "
            "perusteella, ja suoramarkkinointia milloin tahansa."
        ),
        en=(
            "Right to object (Article 21): on grounds relating to your particular situation, "
            "and to direct marketing at any time."
        ),
    ),
    "right_portability": Text(
        fi=(
            "Oikeus siirtää tiedot järjestelmästä toiseen (20 artikla): antamanne tiedot ovat "
            "tämän kirjeen mukana koneluettavassa muodossa (JSON ja CSV), ja pyynnöstä "
            "toimitamme ne suoraan toiselle rekisterinpitäjälle, kun se on teknisesti "
            "mahdollista."
        ),
        en=(
            "Right to data portability (Article 20): the data you gave us comes with this "
            "letter in machine-readable form (JSON and CSV), and on request we send it "
            "directly to another controller where that is technically feasible."
        ),
    ),
    "right_complaint": Text(
        fi=(
            "Oikeus tehdä valitus valvontaviranomaiselle (77 artikla): tietosuojavaltuutetun "
            "toimisto, PL 800, 00531 Helsinki, tietosuoja.fi."
        ),
        en=(
            "Right to lodge a complaint with a supervisory authority (Article 77): the Office "
            "of the Data Protection Ombudsman (tietosuojavaltuutettu), PO Box 800, 00531 "
            "Helsinki, Finland, tietosuoja.fi."
        ),
    ),
    "how_to": Text(
        fi=(
            "Lähettäkää pyyntönne kirjallisena ja allekirjoitettuna tämän kirjeen "
            "yläreunassa olevaan osoitteeseen (rekisteriseloste, kohta 7) ja mainitkaa viite "
            "{reference}. Vastaamme kuukauden kuluessa pyynnön saapumisesta. Valituksen "
            "tietosuojavaltuutetulle voitte tehdä milloin tahansa; se ei edellytä pyyntöä "
            "meille."
        ),
        en=(
            "Send your request in writing and signed to the address at the top of this "
            "letter (register description, section 7), quoting the reference {reference}. "
            "We answer within one month of receiving it. You may complain to the Data "
            "Protection Ombudsman at any time; it needs no request to us first."
        ),
    ),
    "accesses_title": Text(
        fi="Kuka tietojanne on käsitellyt", en="Who has looked at or changed your data"
    ),
    "accesses": Text(
        fi=(
            "Rekisterin käyttöloki kertoo, milloin henkilökuntamme on katsonut tai muuttanut "
            "edellä lueteltuja tietojanne, missä tehtävässä ja mihin tarkoitukseen. "
            "Työntekijöiden nimiä ei kerrota (EU:n tuomioistuin, asia C-579/21). Lokia "
            "säilytetään {audit_days} päivää."
        ),
        en=(
            "The register's log of use tells when our staff looked at or changed the data "
            "about you listed above, in which role and for what purpose. The names of "
            "employees are not given (Court of Justice of the EU, case C-579/21). The log "
            "is kept for {audit_days} days."
        ),
    ),
    "no_accesses": Text(
        fi="Lokissa ei ole merkintöjä tietojenne katsomisesta tai muuttamisesta.",
        en="The log holds no entry of anyone looking at or changing your data.",
    ),
    "access_date": Text(fi="Päivä", en="Date"),
    "access_data": Text(fi="Tiedot", en="Data"),
    "access_action": Text(fi="Toimenpide", en="Action"),
    "access_role": Text(fi="Tehtävä", en="Role"),
    "access_purpose": Text(fi="Tarkoitus", en="Purpose"),
    "regards": Text(fi="Ystävällisin terveisin", en="Kind regards"),
}

# The audit log's actions on one record, as the letter tells them.
ACCESS_ACTIONS = {
    AuditAction.VIEW: Text(fi="katsottu", en="viewed"),
    AuditAction.CHANGE: Text(fi="muutettu", en="changed"),
    AuditAction.ADD: Text(fi="lisätty", en="added"),
    AuditAction.DELETE: Text(fi="poistettu", en="deleted"),
    AuditAction.EXPORT: Text(fi="viety tiedostoon", en="exported"),
    AuditAction.DOWNLOAD: Text(fi="ladattu", en="downloaded"),
}
TIMES = Text(fi="{count} kertaa", en="{count} times")


@dataclass(frozen=True)
class StaffRole:
    """A role of staff as the answer names it, with the purpose its work with data serves."""

    name: Text
    purpose: Text


# By the staff groups of `privacy.staff.groups`: the answer names the role, never the person
# (CJEU C-579/21, Pankki S: the dates and purposes of consultations, not who consulted).
STAFF_ROLES = {
    CUSTOMER_SERVICE: StaffRole(
        Text(fi="asiakaspalvelu", en="customer service"),
        Text(
            fi="asiakaspalvelu ja asiakkuuden hoitaminen",
            en="customer service and managing the customer relationship",
        ),
    ),
    SALES: StaffRole(
        Text(fi="myynti", en="sales"),
        Text(fi="tilausten käsittely ja laskutus", en="processing and invoicing orders"),
    ),
    PRIVACY_OFFICER: StaffRole(
        Text(fi="tietosuojavastaava", en="privacy officer"),
        Text(
            fi="tietosuoja-asiat, kuten rekisteröidyn pyyntöihin vastaaminen",
            en="data-protection matters, such as answering requests of data subjects",
        ),
    ),
}
ADMINISTRATOR = StaffRole(
    Text(fi="rekisterin ylläpitäjä", en="administrator of the register"),
    Text(fi="rekisterin ylläpito", en="maintaining the register"),
)
OTHER_STAFF = StaffRole(
    Text(fi="muu henkilökunta", en="other staff"),
    Text(fi="ei tiedossa", en="not known"),
)
FORMER_STAFF = StaffRole(
    Text(fi="entinen työntekijä (käyttäjätili poistettu)", en="former staff (account removed)"),
    Text(fi="ei tiedossa", en="not known"),
)

SIGNED_REQUEST_TEXTS = {
    "title": Text(fi="Tarkastuspyyntönne", en="Your access request"),
    "reference": LETTER_TEXTS["reference"],
    "date": LETTER_TEXTS["date"],
    "body": Text(
        fi=(
            "Olemme vastaanottaneet tarkastuspyyntönne {received}. Rekisteriselosteemme "
            "kohdan 7 mukaan tarkastuspyyntö lähetetään kirjallisesti ja allekirjoitettuna. "
            "Emme voi luovuttaa henkilötietoja ennen kuin olemme varmistuneet siitä, että "
            "pyyntö tulee teiltä, koska tiedot eivät saa päätyä väärälle henkilölle."
        ),
        en=(
            "We received your access request on {received}. Under section 7 of our register "
            "description, an access request is made in writing and signed. We cannot give "
            "out personal data before we are sure that the request comes from you, as the "
            "data must not reach the wrong person."
        ),
    ),
    "ask": Text(
        fi=(
            "Pyydämme teitä lähettämään allekirjoitetun tarkastuspyynnön postitse alla "
            "olevaan osoitteeseen. Voitte käyttää verkkosivuiltamme tulostettavaa lomaketta. "
            "Mainitkaa kirjeessä viite {reference}."
        ),
        en=(
            "Please send a signed access request by post to the address below. You may use "
            "the printable form on our website. Please quote the reference {reference}."
        ),
    ),
    "regards": LETTER_TEXTS["regards"],
}


# The summary of many records of one kind in the letter.
SUMMARY_TEXTS = {
    "dated": Text(
        fi=(
            "{count} kpl. Ensimmäinen {first} ja viimeisin {last} ({date_label}). Kirjeessä "
            "ne on koottu yhteen; jokainen niistä on koneluettavassa tiedostossa."
        ),
        en=(
            "{count} records, the first from {first} and the last from {last} "
            "({date_label}). The letter summarises them; every one of them is in the "
            "machine-readable files."
        ),
    ),
    "undated": Text(
        fi=(
            "{count} kpl. Kirjeessä ne on koottu yhteen; jokainen niistä on koneluettavassa "
            "tiedostossa."
        ),
        en=(
            "{count} records. The letter summarises them; every one of them is in the "
            "machine-readable files."
        ),
    ),
}


# GDPR Art. 77 and 79; Data Protection Act (tietosuojalaki 1050/2018), section 8: the
# Data Protection Ombudsman is the national supervisory authority.
COMPLAINT = Text(
    fi=(
        "Teillä on oikeus tehdä valitus valvontaviranomaiselle, tietosuojavaltuutetun "
        "toimistolle (PL 800, 00531 Helsinki, tietosuoja.fi), jos katsotte, että "
        "henkilötietojenne käsittelyssä rikotaan tietosuoja-asetusta (77 artikla)."
    ),
    en=(
        "You have the right to lodge a complaint with the supervisory authority, the Office "
        "of the Data Protection Ombudsman (tietosuojavaltuutettu, PO Box 800, 00531 Helsinki, "
        "Finland, tietosuoja.fi), if you consider that the processing of your personal data "
        "infringes the General Data Protection Regulation (Article 77)."
    ),
)
JUDICIAL_REMEDY = Text(
    fi=(
        "Lisäksi teillä on oikeus saattaa asia tuomioistuimen käsiteltäväksi "
        "(tietosuoja-asetus, 79 artikla): kanne rekisterinpitäjää vastaan voidaan nostaa "
        "käräjäoikeudessa."
    ),
    en=(
        "You also have the right to an effective judicial remedy (Article 79 of the "
        "Regulation): you may bring proceedings against the controller before a court, in "
        "Finland a district court (käräjäoikeus)."
    ),
)

EXTENSION_BY = {
    1: Text(fi="yhdellä kuukaudella", en="by one month"),
    2: Text(fi="kahdella kuukaudella", en="by two months"),
}

EXTENSION_TEXTS = {
    "title": Text(
        fi="Tarkastuspyyntönne käsittelyaikaa pidennetään",
        en="The time to answer your access request is extended",
    ),
    "reference": LETTER_TEXTS["reference"],
    "date": LETTER_TEXTS["date"],
    "body": Text(
        fi=(
            "Olemme vastaanottaneet tarkastuspyyntönne {received}. Vastaamme pyyntöön "
            "tavallisesti kuukauden kuluessa sen saapumisesta. EU:n yleisen "
            "tietosuoja-asetuksen 12 artiklan 3 kohdan mukaan määräaikaa voidaan tarvittaessa "
            "jatkaa enintään kahdella kuukaudella, kun otetaan huomioon pyyntöjen "
            "monimutkaisuus ja määrä."
        ),
        en=(
            "We received your access request on {received}. We normally answer within one "
            "month of receiving a request. Under Article 12(3) of the EU General Data "
            "Protection Regulation, that period may be extended by two further months where "
            "necessary, taking into account the complexity and number of the requests."
        ),
    ),
    "extended": Text(
        fi="Pidennämme vastausaikaa {by}. Saatte vastauksen viimeistään {due}.",
        en="We extend the time to answer {by}. You will receive the answer by {due} at the latest.",
    ),
    "reason": Text(fi="Pidennyksen syy:", en="The reason for the extension:"),
    "reasons": Text(fi="Pidennysten syyt:", en="The reasons for the extensions:"),
    "reference_line": Text(
        fi="Mainitkaa yhteydenotoissanne viite {reference}.",
        en="Please quote the reference {reference} if you contact us about the request.",
    ),
    "complaint": COMPLAINT,
    "judicial_remedy": JUDICIAL_REMEDY,
    "regards": LETTER_TEXTS["regards"],
}

REFUSAL_TEXTS = {
    "title": Text(fi="Päätös tarkastuspyyntöönne", en="Decision on your access request"),
    "reference": LETTER_TEXTS["reference"],
    "date": LETTER_TEXTS["date"],
    "body": Text(
        fi=(
            "Olemme vastaanottaneet tarkastuspyyntönne {received}. Emme toimita pyytämiänne "
            "tietoja (EU:n yleinen tietosuoja-asetus, 12 artiklan 4 kohta). Syy on seuraava:"
        ),
        en=(
            "We received your access request on {received}. We will not provide the data you "
            "asked for (EU General Data Protection Regulation, Article 12(4)), for the "
            "following reason:"
        ),
    ),
    "remedies": Text(fi="Oikeusturvakeinot", en="Your remedies"),
    "complaint": COMPLAINT,
    "judicial_remedy": JUDICIAL_REMEDY,
    "again": Text(
        fi=(
            "Voitte myös tehdä uuden tarkastuspyynnön rekisteriselosteemme kohdan 7 "
            "mukaisesti. Mainitkaa yhteydenotoissanne viite {reference}."
        ),
        en=(
            "You may also make a new access request as section 7 of our register description "
            "says. Please quote the reference {reference} if you contact us."
        ),
    ),
    "regards": LETTER_TEXTS["regards"],
}


# The letter on what was done for a rectification, erasure, restriction or objection
# (GDPR Art. 12(3): information on the action taken on the request).
OUTCOME_TEXTS = {
    "reference": LETTER_TEXTS["reference"],
    "date": LETTER_TEXTS["date"],
    "body": Text(
        fi="Olemme vastaanottaneet pyyntönne {received} ja käsitelleet sen {done}.",
        en="We received your request on {received} and carried it out on {done}.",
    ),
    "reference_line": EXTENSION_TEXTS["reference_line"],
    "complaint": COMPLAINT,
    "judicial_remedy": JUDICIAL_REMEDY,
    "regards": LETTER_TEXTS["regards"],
}

OUTCOME_TITLES = {
    "rectification": Text(fi="Tietojenne oikaiseminen", en="The rectification of your data"),
    "erasure": Text(fi="Tietojenne poistaminen", en="The erasure of your data"),
    "restriction": Text(
        fi="Tietojenne käsittelyn rajoittaminen", en="The restriction of processing your data"
    ),
    "objection": Text(fi="Vastustamanne käsittely", en="The processing you objected to"),
}

OUTCOME_DETAILS = {
    "rectification": {
        "lead": Text(
            fi=(
                "Ilmoititte, että osa tiedoistanne oli virheellisiä (tietosuoja-asetus, 16 "
                "artikla). Olemme oikaisseet rekisterissä seuraavat tiedot:"
            ),
            en=(
                "You told us that some of your data was inaccurate (GDPR Article 16). We have "
                "corrected the following in the register:"
            ),
        ),
        "what_was_wrong": Text(fi="Ilmoituksenne:", en="What you told us:"),
        "was": Text(fi="aiemmin", en="was"),
        "now": Text(fi="nyt", en="now"),
    },
    "erasure": {
        "lead": Text(
            fi=(
                "Pyysitte tietojenne poistamista (tietosuoja-asetus, 17 artikla). Olemme "
                "poistaneet tai anonymisoineet tietonne alla kerrotulla tavalla."
            ),
            en=(
                "You asked us to erase your data (GDPR Article 17). We have deleted or "
                "anonymised it as set out below."
            ),
        ),
        "deleted": Text(fi="poistettu {count} kpl", en="{count} deleted"),
        "anonymised": Text(
            fi="anonymisoitu {count} kpl: henkilöön yhdistävät tiedot poistettu",
            en="{count} anonymised: what linked them to you removed",
        ),
        "kept_title": Text(fi="Säilytettävät tiedot", en="Data we must keep"),
        "kept_lead": Text(
            fi=(
                "Laki velvoittaa säilyttämään osan tiedoista (tietosuoja-asetus, 17 artiklan 3 "
                "kohdan b alakohta). Niitä ei käytetä muuhun kuin lain vaatimaan tarkoitukseen, "
                "ja ne poistetaan säilytysajan päätyttyä:"
            ),
            en=(
                "The law requires us to keep some of the data (GDPR Article 17(3)(b)). It is "
                "used for nothing but what the law requires, and deleted when its period ends:"
            ),
        ),
        "kept": Text(
            fi="{count} kpl säilytetään {until} asti: {law}",
            en="{count} kept until {until}: {law}",
        ),
        "nothing_kept": Text(
            fi="Mitään tietoja ei tarvitse säilyttää.", en="None of the data has to be kept."
        ),
    },
    "restriction": {
        "lead": Text(
            fi=(
                "Pyysitte tietojenne käsittelyn rajoittamista (tietosuoja-asetus, 18 artikla). "
                "Seuraavia tietoja säilytetään, mutta niitä ei muuten käsitellä:"
            ),
            en=(
                "You asked us to restrict the processing of your data (GDPR Article 18). The "
                "following data is stored but not otherwise processed:"
            ),
        ),
        "restricted": Text(fi="{count} kpl", en="{count} records"),
        "until": Text(
            fi="Rajoitus on voimassa {until} asti.", en="The restriction lasts until {until}."
        ),
        "open_ended": Text(
            fi="Rajoitus on voimassa, kunnes se poistetaan; kerromme teille ennen sitä.",
            en="The restriction lasts until it is lifted; we will tell you before that.",
        ),
    },
}
# An objection (Art. 21) is handled by restricting the processing it concerns.
OUTCOME_DETAILS["objection"] = {
    **OUTCOME_DETAILS["restriction"],
    "lead": Text(
        fi=(
            "Vastustitte tietojenne käsittelyä (tietosuoja-asetus, 21 artikla). Olemme "
            "lopettaneet seuraavien tietojen käsittelyn; niitä säilytetään vain niin kauan "
            "kuin laki vaatii:"
        ),
        en=(
            "You objected to the processing of your data (GDPR Article 21). We have stopped "
            "processing the following data; it is stored only as long as the law requires:"
        ),
    ),
}
