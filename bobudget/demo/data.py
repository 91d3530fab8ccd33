"""Word lists and stock phrases for demo data: fictional names, places, landlords and notes."""

from __future__ import annotations

from bobudget.model.vocab import ContractKind, CostUnit, LandlordKind, PlaceKind, UserRole


def _words(text: str) -> tuple[str, ...]:
    """A comma-separated list written as running text, so the lists stay short to read."""
    return tuple(word.strip() for word in text.split(",") if word.strip())


# The fictional municipality: every place, landlord and company below is made up.
MUNICIPALITY = "Sjöviks kommun"

FEMALE_NAMES = _words(
    """
    Anna, Maria, Karin, Sara, Emma, Elin, Linnea, Ida, Johanna, Kristina, Eva, Lena, Ingrid,
    Birgitta, Åsa, Märta, Ebba, Maja, Alva, Saga, Agnes, Astrid, Wilma, Elsa, Malin, Jenny,
    Camilla, Helena, Therese, Sofia, Fatima, Amina, Hiba, Leila, Aisha, Zeynep, Nadia,
    Dragana, Aino, Päivi, Tiina, Agnieszka, Daniela, Rut, Signe, Gunnel, Märit, Anna-Karin,
    Britt-Marie, Siv
    """
)
MALE_NAMES = _words(
    """
    Erik, Lars, Karl, Anders, Johan, Per, Nils, Jan, Mikael, Hans, Peter, Fredrik, Daniel,
    Mattias, Oskar, Viktor, Emil, Axel, Hugo, Olle, Åke, Göran, Björn, Sören, Jörgen, Tor,
    Sixten, Ludvig, Melvin, Elias, Mohammed, Ahmed, Ali, Omar, Yusuf, Hassan, Mehmet, Goran,
    Jukka, Mikko, Piotr, Tomasz, Aleksandar, Kenneth, Roger, Leif, Kjell, Jan-Erik, Per-Olof,
    Ulf
    """
)
# Names given since 2000, for children and young adults.
YOUNG_FEMALE_NAMES = _words(
    """
    Alice, Olivia, Ella, Wilma, Astrid, Saga, Maja, Vera, Ebba, Alma, Selma, Elsa, Leah,
    Nora, Freja, Stella, Signe, Ines, Lova, Mira, Amira, Yasmin, Hanna, Märta, Tuva
    """
)
YOUNG_MALE_NAMES = _words(
    """
    William, Noah, Hugo, Liam, Lucas, Oliver, Elias, Adam, Alexander, Ludvig, Theo, Vincent,
    Leo, Matteo, Nils, Sixten, Malte, Isak, Omar, Yusuf, Ali, Elliot, Måns, Björn, Ömer
    """
)
LAST_NAMES = _words(
    """
    Andersson, Johansson, Karlsson, Nilsson, Eriksson, Larsson, Olsson, Persson, Svensson,
    Gustafsson, Pettersson, Jonsson, Jansson, Hansson, Bengtsson, Lindberg, Lindström,
    Lindqvist, Lundgren, Berglund, Söderberg, Sjöberg, Nyström, Holmberg, Hägglund, Öberg,
    Åström, Ängström, Björk, Särkkä, Östlund, Åberg, Ödman, Ågren, Hällström, Strömberg,
    Dahlgren, Forsberg, Sandström, Löfgren, Bäckström, Wästberg, Näslund, Mäkinen, Heikkilä,
    Virtanen, Hassan, Mohamed, Ali, Ahmadi, Rahimi, Yilmaz, Demir, Nowak, Kowalski,
    Jovanović, Petrović, Haddad, Abdi, Warsame
    """
)

STREETS = _words(
    """
    Storgatan, Kyrkogatan, Drottninggatan, Järnvägsgatan, Skolgatan, Björkvägen, Tallvägen,
    Granvägen, Lönnvägen, Åsgatan, Ängsvägen, Östra Långgatan, Västra vägen, Södra allén,
    Norra Strandgatan, Sjögatan, Hamngatan, Parkvägen, Solvägen, Vårvägen, Sommarvägen,
    Höstvägen, Kvarngatan, Smedjegatan, Bryggargatan, Tegelbruksvägen, Mejerivägen,
    Stationsgatan, Bergsgatan, Backavägen, Klövervägen, Blåklintsvägen, Prästgårdsvägen,
    Bäckvägen, Älvgatan, Åvägen, Fältvägen, Ringvägen, Lärkvägen, Trastvägen, Svalvägen,
    Hagagatan, Rosengatan, Liljegatan, Nygatan, Torggatan, Brogatan, Kungsgatan,
    Fabriksgatan, Gjuterigatan, Tullgatan, Slottsgatan, Apelvägen, Körsbärsvägen,
    Plommonvägen, Rönnvägen, Hasselvägen, Videvägen, Örnvägen, Måsvägen
    """
)

# (town, first three digits of its postal codes, range of the last two, share of the population)
TOWNS = (
    ("Sjövik", "734", (30, 59), 70),
    ("Östanå", "734", (91, 94), 8),
    ("Ängsby", "735", (30, 39), 7),
    ("Lövnäs", "735", (91, 93), 6),
    ("Björkhamn", "736", (30, 36), 5),
    ("Skogslunda", "736", (91, 92), 4),
)
AREAS = _words(
    """
    Centrum, Norrmalm, Söderby, Östra Sjövik, Västerhöjd, Hagalund, Ängsby, Östanå, Lövnäs,
    Björkhamn, Skogslunda, Sjöstaden
    """
)

# (name, kind, cooperation agreement, share of the dwellings offered, object-number prefix)
LANDLORDS = (
    ("Sjöviks Bostads AB", LandlordKind.MUNICIPAL_COMPANY, False, 52, "SB"),
    ("Stiftelsen Sjövikshem", LandlordKind.MUNICIPAL_FOUNDATION, False, 14, "SH"),
    ("Fastighets AB Ekbacken", LandlordKind.PRIVATE, True, 9, "EK"),
    ("Lindgrens Fastigheter AB", LandlordKind.PRIVATE, True, 7, "LF"),
    ("Åkessons Förvaltning AB", LandlordKind.PRIVATE, True, 6, "ÅF"),
    ("Nordhem Fastigheter AB", LandlordKind.PRIVATE, False, 5, "NH"),
    ("Bergqvist & Söner Fastigheter", LandlordKind.PRIVATE, False, 4, "BQ"),
    ("Hyresbostäder i Östanå AB", LandlordKind.PRIVATE, True, 3, "HÖ"),
)
LANDLORD_CONTACTS = (
    "Ulla Ström",
    "Bengt Falk",
    "Monica Ek",
    "Tobias Hedlund",
    "Annika Wall",
    "Kent Lund",
    "Marie Sundin",
    "Stefan Berg",
)

# (name, kind, cost in whole kronor, cost unit, rules)
TEMPORARY_PLACES = (
    (
        "Vandrarhemmet Solgården",
        PlaceKind.HOSTEL,
        450,
        CostUnit.NIGHT,
        "Incheckning senast 22.00. Inga besök.",
    ),
    (
        "Sjöviks Stadshotell",
        PlaceKind.HOTEL,
        895,
        CostUnit.NIGHT,
        "Frukost ingår. Rökning förbjuden.",
    ),
    ("Härbärget Fyren", PlaceKind.SHELTER, 300, CostUnit.NIGHT, "Öppet 18.00–09.00. Drogfritt."),
    ("Hotell Stationen", PlaceKind.HOTEL, 790, CostUnit.NIGHT, "Frukost ingår."),
    (
        "Vandrarhemmet Sjöbris",
        PlaceKind.HOSTEL,
        420,
        CostUnit.NIGHT,
        "Gemensamt kök. Tyst efter 22.00.",
    ),
)
TEMPORARY_FLAT_MONTHLY_KR = (6900, 7400, 8200, 9100)

SOCIAL_WORKERS = (
    "Anna Bergström",
    "Johan Lindqvist",
    "Leila Haddad",
    "Emma Sjögren",
    "Fredrik Östberg",
    "Maria Karlsson",
    "Nadia Rahimi",
    "Oskar Wikström",
    "Lena Håkansson",
    "Sofia Ängqvist",
    "Tove Lindén",
    "Rasmus Öhrn",
)
# (unit, weight)
DECISION_UNITS = (("Ekonomiskt bistånd", 55), ("Vuxenavdelningen", 35), ("Socialjouren", 10))

# (username, full name, role): one user per role in bobudget.model.ROLES, and a second
# bostadskonsulent and bostadshandledare as a unit of this size has.
# Username, name, role and phone. Phones in the 0522-69 70 xx range of the demo municipality.
USERS = (
    ("karin.holm", "Karin Holm", UserRole.BOSTADSKONSULENT, "0522-69 70 11"),
    ("jonas.ekstrom", "Jonas Ekström", UserRole.BOSTADSKONSULENT, "0522-69 70 12"),
    ("mikael.aberg", "Mikael Åberg", UserRole.BOSTADSHANDLEDARE, "0522-69 70 21"),
    ("linnea.soderlund", "Linnéa Söderlund", UserRole.BOSTADSHANDLEDARE, "0522-69 70 22"),
    ("sara.nyqvist", "Sara Nyqvist", UserRole.HANDLAGGARE_EGNA_MEDEL, "0522-69 70 31"),
    ("eva.stromberg", "Eva Strömberg", UserRole.ENHETSCHEF, "0522-69 70 01"),
    ("peter.ohman", "Peter Öhman", UserRole.ADMINISTRATOR, "0522-69 70 02"),
)
# Whoever runs the demo signs its letters: they get a demo officer's name and phone.
DEMO_SIGNED_IN_NAME = "Alex Demosson"
DEMO_SIGNED_IN_PHONE = "0522-69 70 99"
DEMO_MAIL_DOMAIN = "demo.example"

# Why the municipality as sublessor gave notice on a lease still running.
NOTICE_REASON = (
    "Upprepade störningar i huset trots rättelseanmaning (12 kap. 42 § första stycket 6 "
    "jordabalken)."
)

DECLINE_REASONS = (
    "Hyran är för hög för hushållets ekonomi.",
    "Fel område: för långt från barnens skola.",
    "Lägenheten är för liten för hushållet.",
    "Huset saknar hiss och sökanden har svårt med trappor.",
    "Sökanden kom inte till visningen.",
    "Vill inte bo i området på grund av tidigare konflikter där.",
    "Sökanden tackade nej utan att ange skäl.",
    "För långt från arbetet; sökanden saknar bil.",
)
DELAY_REASONS = (
    "Brist på lediga lägenheter med hyra inom hyrestaket.",
    "Hushållet behöver fyra rum; sådana lägenheter blir sällan lediga.",
    # Read by the client in the letter about a decision not carried out: nothing in the third
    # person, and nothing the letter's list of offers would contradict.
    "Lägenheter som passar hushållet blir sällan lediga i de områden du har önskat.",
    "Behov av tillgänglig lägenhet i bottenvåning eller med hiss.",
    "Inga lediga lägenheter i de områden som är möjliga för hushållet.",
)
DECISION_END_REASONS = (
    "Sökanden har ordnat bostad på egen hand.",
    "Sökanden har flyttat från kommunen.",
    "Sökanden har återkallat sin ansökan.",
    "Beslutet har upphävts efter ny utredning.",
)
LEASE_END_REASONS = (
    "Hyresgästen har fått ett eget förstahandskontrakt.",
    "Kontraktet sades upp på grund av hyresskulder.",
    "Hyresgästen har flyttat från kommunen.",
    "Kontraktet sades upp efter upprepade störningar.",
    "Hyresgästen har flyttat till särskilt boende.",
    "Hyresgästen har avlidit.",
)
TAKEOVER_REASON = "Hyresgästen har tagit över förstahandskontraktet."
TAKEOVER_REVIEW_NOTE = (
    "Du har betalat hyran i tid varje månad, skött lägenheten väl och inte stört dina grannar."
)
TEMPORARY_END_REASONS = (
    # Read by the client in the end letter: in du-form.
    "Du har ordnat ett eget boende.",
    "Du har flyttat till släktingar.",
    "Du har flyttat från kommunen.",
    "Du behöver inte längre ett tillfälligt boende.",
    "Du har inte sökt bostad aktivt under perioden, som beslutet krävde.",
)
# A placement that ended with no decision to end it (the unit's note, not a letter): the
# decision still stands, so the IVO report counts the execution as interrupted.
INTERRUPTED = (
    "Lämnade platsen utan att säga till.",
    "Avstängd av boendet efter ordningsstörning.",
    "Kom inte tillbaka efter en vistelse på sjukhus.",
)
# Read by the client as the reason in the letter ending the temporary housing: in du-form.
MOVED_ON_TO = {
    ContractKind.SOCIAL: "Du har fått en lägenhet med socialt kontrakt.",
    ContractKind.TRANSITIONAL: "Du har fått en lägenhet med bostadssocialt kontrakt.",
    ContractKind.HOUSING_FIRST: "Du har fått en egen lägenhet inom Bostad först.",
}
ASSESSMENTS = (
    # Read by the client in the renewal letter: written to them, in du-form.
    "Du behöver fortfarande ett tillfälligt boende. Du söker aktivt bostad och har varit på två "
    "visningar.",
    "Du behöver fortfarande ett tillfälligt boende. Du har ännu inte fått någon egen bostad och "
    "har fortsatt kontakt med fastighetsägare.",
    "Du behöver fortfarande ett tillfälligt boende. Du har skött boendet och följer platsens "
    "regler.",
    "Du behöver fortfarande ett tillfälligt boende. Du väntar på ett erbjudande om lägenhet "
    "genom kön.",
    "Du behöver fortfarande ett tillfälligt boende. Du har sökt lägenhet hos tre privata "
    "fastighetsägare utan att få någon.",
)

PLAN_GOALS = (
    "Att klara boendet på egen hand och kunna ta över kontraktet.",
    "Att betala hyran i tid varje månad och sköta lägenheten.",
    "Att behålla bostaden och bygga upp en stabil vardag.",
)
PLAN_ACTIVITIES = (
    "Hembesök varje månad första halvåret. Genomgång av budget med budget- och skuldrådgivare.",
    "Autogiro för hyran. Kontakt med beroendemottagningen varannan vecka.",
    "Stöd med post och räkningar. Träffa arbetsmarknadsenheten.",
)
# The boplan is signed by the client: written to them, in du-form.
PLAN_RESPONSIBILITIES = (
    "Du betalar hyran och följer ordningsreglerna. Bostadshandledaren följer upp.",
    "Du håller kontakt med socialsekreteraren. Vi gör hembesök när vi har kommit överens om det.",
)
PLAN_SUPPORT = (
    "Boendestöd fyra timmar i veckan.",
    "Stöd från bostadshandledare; kontakt med vuxenavdelningen.",
    "Egna medel; budgetrådgivning vid behov.",
)
PLAN_PARTICIPATION = (
    "Du har gjort planen tillsammans med oss och har fått en kopia.",
    "Du har varit med och tagit fram planen och godkänt den.",
)
FOLLOW_UP_PLANS = (
    "Uppföljning en månad efter inflyttning, sedan var tredje månad.",
    "Uppföljning en månad efter inflyttning, sedan varannan månad första året.",
)

STARTUP_PLACES = (
    "Bo- och budgetenheten, rum Ekorren",
    "Bo- och budgetenheten, rum Tallen",
    "I lägenheten",
)
FOLLOW_UP_NOTES = (
    "Hyran betald i tid. Lägenheten välskött.",
    "Hyresgästen trivs. Har fått hjälp att byta elavtal.",
    "Diskuterade städning och tvättstugetider. Inga klagomål från hyresvärden.",
    "Hyresgästen har börjat på arbetsträning tre dagar i veckan.",
    "Påminde om hemförsäkringen, som nu är tecknad.",
    "Lite oordning i lägenheten; vi gör en plan för städning.",
    "Hyresgästen har haft kontakt med beroendemottagningen som planerat.",
)
FOLLOW_UP_OUTCOMES = (
    "Ingen åtgärd behövs.",
    "Fortsatt uppföljning enligt plan.",
    "Kontakt tas med hyresvärden om trasig kyl.",
    "Ny genomgång av budgeten vid nästa möte.",
)
SUPPORT_PROVIDERS = (
    "Boendestödet i Sjöviks kommun",
    "Stödpunkten Omsorg AB",
    "Vardagsstöd Norr AB",
)
DISTURBANCES = (
    "Hög musik nattetid enligt flera grannar.",
    "Bråk och höga röster i trapphuset sent på kvällen.",
    "Många besökare sent på kvällarna; grannar känner sig otrygga.",
    "Rökning i trapphuset trots förbud.",
    "Hunden skäller länge när hyresgästen inte är hemma.",
)
EVICTION_NOTES = (
    "Uppsägning på grund av obetald hyra. Kontakt tagen med hyresgästen och hyresvärden.",
    "Ansökan om avhysning hos Kronofogden. Hyresgästen kallad till möte.",
    "Hyresskulden betald inom återvinningsfristen.",
)
MEETING_AGREEMENTS = (
    "Avbetalningsplan: 500 kr per månad utöver hyran tills skulden är betald.",
    "Hyran betalas genom egna medel från nästa månad.",
    "Autogiro för hyran ordnas; ny uppföljning om två månader.",
)
CONSENTS = (
    "Att hyresgästen har kontakt med bo- och budgetenheten.",
    "Att en avbetalningsplan har gjorts upp.",
    "",
)

# (category, counterparty, monthly amount in whole kronor)
INCOME_PROFILES = (
    (("pension", "Pensionsmyndigheten", 13800), ("bostadstillägg", "Pensionsmyndigheten", 4100)),
    (("sjukersättning", "Försäkringskassan", 12400), ("bostadsbidrag", "Försäkringskassan", 1800)),
    (("försörjningsstöd", MUNICIPALITY, 10900),),
    (("lön", "Sjöviks Verkstäder AB", 17600),),
    (("aktivitetsersättning", "Försäkringskassan", 11200),),
)
# (category, counterparty, monthly amount in whole kronor); the rent comes from the contract.
FIXED_EXPENSES = (
    ("el", "Sjövik Energi AB", 420),
    ("hemförsäkring", "Trygg Hem Försäkring", 170),
    ("mobil", "Telebolaget i Norden AB", 249),
)
