import type { Catalog } from "./types"

/** Dutch (Nederlands). Same keys as the English catalog. */
export const nl: Catalog = {
  common: {
    unsubscribe: "Afmelden",
    unsubscribe_line: "Wil je deze e-mails niet meer ontvangen?",
    questions: "Vragen? Mail ons op {email}.",
    sent_by: "Verstuurd door {shop}",
    quantity: "Aantal {quantity}",
    order_label: "Bestelling",
    parcel_label: "Pakket",
    items_heading: "In dit pakket",
    carrier: "Vervoerder",
    tracking_number: "Trackingnummer",
    estimated_delivery: "Verwachte bezorging",
    parcel: "{index} van {total}",
    track_button: "Volg je pakket",
    customer_reason:
      "Je ontvangt deze e-mail omdat je een bestelling hebt geplaatst bij {shop}.",
    merchant_reason:
      "Je ontvangt deze melding omdat dit adres in de Autopilot-instellingen van {shop} als e-mailadres van de winkelier staat.",
    amount: "Bedrag",
    customer: "Klant",
    provider: "Aanbieder",
    reference: "Referentie",
    none: "geen",
  },
  "autopilot.merchant.attention": {
    subject: "Een betaling vraagt je aandacht",
    preview: "Autopilot kon een betaling niet zelf afronden.",
    heading: "Een betaling vraagt je aandacht",
    intro: "Autopilot kon deze betaling niet zelf afronden. Reden: {reason}.",
    cart: "Winkelwagen",
    payment: "Betaling",
    refunded: "Terugbetaald of geannuleerd door Medusa",
    yes: "ja",
    no: "nee",
    action:
      "Open de betaling van de winkelwagen in je Medusa-admin en beslis of je de bestelling afrondt of de klant terugbetaalt.",
  },
  "autopilot.merchant.job_paused": {
    subject: "Autopilot heeft \u201c{job}\u201d uitgezet",
    preview: "De taak is {count} keer achter elkaar mislukt.",
    heading: "Autopilot heeft \u201c{job}\u201d uitgezet",
    intro:
      "\u201c{job}\u201d is {count} keer achter elkaar mislukt, dus Autopilot heeft de taak uitgezet.",
    last_error: "Laatste fout",
    action:
      "Los de oorzaak op en zet de taak weer aan in je Medusa-admin onder Autopilot.",
  },
  "autopilot.merchant.job_stale": {
    subject: "\u201c{job}\u201d is sinds {date} niet gelukt",
    preview: "Een achtergrondtaak lukt niet meer.",
    heading: "\u201c{job}\u201d is al een tijd niet gelukt",
    intro:
      "De laatste geslaagde run van \u201c{job}\u201d was op {date}. Sindsdien is de taak {count} keer achter elkaar mislukt.",
    never: "nooit",
    action:
      "Open de taak in je Medusa-admin onder Autopilot om de laatste runs en fouten te zien.",
  },
  "autopilot.merchant.shipment_problem": {
    subject_exception: "Een pakket van bestelling #{order} heeft een probleem",
    subject_returned: "Een pakket van bestelling #{order} komt naar je terug",
    preview: "De vervoerder meldt een probleem met een pakket.",
    heading: "Een pakket vraagt je aandacht",
    intro_exception:
      "De vervoerder meldt een probleem met een pakket van bestelling #{order}.",
    intro_returned:
      "Een pakket van bestelling #{order} wordt naar je teruggestuurd.",
    carrier_message: "De vervoerder meldt: {message}",
    action:
      "Neem contact op met de klant of de vervoerder en bekijk de bestelling in je Medusa-admin.",
  },
  "autopilot.merchant.low_stock": {
    subject: "{count} varianten raken op",
    preview: "Een paar producten zitten op of onder hun minimumvoorraad.",
    heading: "Voorraad raakt op",
    intro: "Deze varianten zitten op of onder hun minimumvoorraad:",
    available: "{count} beschikbaar",
    more: "…en nog {count}: zie Voorraad in je Medusa-admin.",
  },
  "autopilot.shipment.shipped": {
    subject: "Je bestelling #{order} is onderweg",
    preview: "Je pakket is verstuurd. Volg het bij {carrier}.",
    heading: "Je bestelling is onderweg",
    intro: "Goed nieuws: je pakket is verstuurd en onderweg naar jou.",
  },
  "autopilot.shipment.out_for_delivery": {
    subject: "Je bestelling #{order} komt vandaag",
    preview: "Je pakket wordt vandaag bezorgd.",
    heading: "Onderweg naar jou",
    intro: "Je pakket is onderweg voor bezorging en komt vandaag aan.",
  },
  "autopilot.shipment.delivered": {
    subject: "Je bestelling #{order} is bezorgd",
    preview: "Je pakket is aangekomen.",
    heading: "Bezorgd",
    intro: "Je pakket is bezorgd. Veel plezier ermee!",
    not_received: "Niets ontvangen? Mail ons, dan lossen we het op.",
  },
  "autopilot.shipment.problem": {
    subject: "Een probleem met de bezorging van je bestelling #{order}",
    preview: "De vervoerder kon je pakket niet bezorgen.",
    heading: "Een probleem met je bezorging",
    intro_attempt_failed:
      "De vervoerder probeerde je pakket te bezorgen, maar dat lukte niet. Meestal volgt een nieuwe poging of een briefje waar je het kunt ophalen.",
    intro_exception:
      "De vervoerder meldt een probleem met je pakket. We houden het in de gaten.",
    carrier_message: "De vervoerder meldt: {message}",
  },
  "autopilot.shipment.all_delivered": {
    subject: "Alle pakketten van je bestelling #{order} zijn aangekomen",
    preview: "Alle {total} pakketten zijn bezorgd.",
    heading: "Alles is binnen",
    intro: "Alle {total} pakketten van je bestelling zijn bezorgd.",
  },
  "autopilot.restock.confirm": {
    subject: "Bevestig je melding voor weer op voorraad",
    preview: "Eén klik en we laten het je weten zodra het terug is.",
    heading: "Nog één stap",
    intro:
      "Bevestig dat je een e-mail van {shop} wilt zodra {product} weer op voorraad is.",
    this_item: "dit artikel",
    button: "Bevestig mijn melding",
    expires: "De link werkt 7 dagen.",
    ignore:
      "Niet aangevraagd? Negeer deze e-mail, dan hoor je er niets meer over.",
    reason:
      "Je ontvangt deze e-mail omdat dit adres bij {shop} is opgegeven voor een melding zodra een artikel weer op voorraad is.",
  },
  "autopilot.restock.available": {
    subject: "{product} is weer op voorraad",
    preview: "Het artikel waarop je wachtte is weer beschikbaar.",
    heading: "Het is terug!",
    intro:
      "Goed nieuws: {product} is weer beschikbaar bij {shop}. De voorraad is beperkt, dus wacht niet te lang.",
    only_left: "Nog maar {count} over.",
    button: "Nu bekijken",
    reason:
      "Je ontvangt deze e-mail omdat je {shop} hebt gevraagd het je te laten weten zodra dit artikel weer op voorraad is.",
  },
  "autopilot.merchant.shipment_late": {
    subject_delayed: "Een pakket van bestelling #{order} is te laat",
    subject_stalled: "Een pakket van bestelling #{order} zit vast",
    preview_delayed: "Een pakket is over de verwachte bezorging heen.",
    preview_stalled:
      "De vervoerder meldt al dagen niets nieuws over een pakket.",
    heading: "Een pakket is te laat",
    intro_delayed_expected:
      "Een pakket van bestelling #{order} werd verwacht op {date} en is nog niet bezorgd.",
    intro_delayed:
      "Een pakket van bestelling #{order} is over de verwachte bezorging van de vervoerder heen.",
    intro_stalled:
      "De vervoerder meldt al dagen niets nieuws over een pakket van bestelling #{order}.",
    since: "Te laat sinds {date}.",
    action:
      "Vraag het na bij de vervoerder, laat de klant het weten en bekijk de bestelling in je Medusa-admin.",
  },
  "autopilot.shipment.running_late": {
    subject: "Je bestelling #{order} is later dan verwacht",
    preview: "Je pakket doet er langer over dan verwacht.",
    heading: "Je pakket is later dan verwacht",
    intro_expected:
      "De vervoerder verwachtte je pakket op {date} te bezorgen, en het duurt langer.",
    intro: "Je pakket doet er langer over dan de vervoerder verwachtte.",
    reassure:
      "We houden het in de gaten en laten je weten wanneer het aankomt.",
  },
  "autopilot.cart.reminder": {
    subject: "Je hebt iets in je winkelwagen laten liggen",
    subject_followup: "Je winkelwagen bij {shop} wacht nog op je",
    preview: "Je artikelen zijn bewaard. Ga verder waar je gebleven was.",
    heading: "Twijfel je nog?",
    intro:
      "Deze artikelen liggen nog in je winkelwagen bij {shop}. We hebben ze voor je bewaard.",
    total: "Totaal",
    button: "Terug naar je winkelwagen",
    button_discount: "Terug naar je winkelwagen, code toegepast",
    preview_discount:
      "Je artikelen zijn bewaard, en we hebben een code voor je.",
    discount_percentage: "{value}% korting op je winkelwagen met de code",
    discount_fixed: "{amount} korting op je winkelwagen met de code",
    discount_minimum: "Bij een winkelwagen vanaf {amount}.",
    discount_expires: "De code werkt één keer, tot {date} (UTC).",
    reason:
      "Je ontvangt deze e-mail omdat je artikelen in je winkelwagen bij {shop} hebt laten liggen.",
  },
}
