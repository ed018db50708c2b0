import type { Catalog } from "./types"

/** German (Deutsch). Same keys as the English catalog. */
export const de: Catalog = {
  common: {
    unsubscribe: "Abmelden",
    unsubscribe_line: "Sie möchten diese E-Mails nicht mehr erhalten?",
    questions: "Fragen? Schreiben Sie uns an {email}.",
    sent_by: "Gesendet von {shop}",
    quantity: "Menge {quantity}",
    order_label: "Bestellung",
    parcel_label: "Paket",
    items_heading: "In diesem Paket",
    carrier: "Versanddienst",
    tracking_number: "Sendungsnummer",
    estimated_delivery: "Voraussichtliche Zustellung",
    parcel: "{index} von {total}",
    track_button: "Sendung verfolgen",
    customer_reason:
      "Sie erhalten diese E-Mail, weil Sie bei {shop} bestellt haben.",
    merchant_reason:
      "Sie erhalten diese Meldung, weil diese Adresse in den Autopilot-Einstellungen von {shop} als Händler-E-Mail hinterlegt ist.",
    amount: "Betrag",
    customer: "Kunde",
    provider: "Anbieter",
    reference: "Referenz",
    none: "keine Angabe",
  },
  "autopilot.merchant.attention": {
    subject: "Eine Zahlung braucht Ihre Aufmerksamkeit",
    preview: "Autopilot konnte eine Zahlung nicht selbst abschließen.",
    heading: "Eine Zahlung braucht Ihre Aufmerksamkeit",
    intro:
      "Autopilot konnte diese Zahlung nicht selbst abschließen. Grund: {reason}.",
    cart: "Warenkorb",
    payment: "Zahlung",
    refunded: "Von Medusa erstattet oder storniert",
    yes: "ja",
    no: "nein",
    action:
      "Öffnen Sie die Zahlung des Warenkorbs in Ihrem Medusa-Admin und entscheiden Sie, ob Sie die Bestellung abschließen oder den Betrag erstatten.",
  },
  "autopilot.merchant.job_paused": {
    subject: "Autopilot hat „{job}“ ausgeschaltet",
    preview: "Der Job ist {count}-mal hintereinander fehlgeschlagen.",
    heading: "Autopilot hat „{job}“ ausgeschaltet",
    intro:
      "„{job}“ ist {count}-mal hintereinander fehlgeschlagen. Autopilot hat den Job deshalb ausgeschaltet.",
    last_error: "Letzter Fehler",
    action:
      "Beheben Sie die Ursache und schalten Sie den Job in Ihrem Medusa-Admin unter Autopilot wieder ein.",
  },
  "autopilot.merchant.job_stale": {
    subject: "„{job}“ war seit {date} nicht erfolgreich",
    preview: "Ein Hintergrund-Job läuft nicht mehr erfolgreich.",
    heading: "„{job}“ war länger nicht erfolgreich",
    intro:
      "Der letzte erfolgreiche Lauf von „{job}“ war am {date}. Seitdem ist er {count}-mal hintereinander fehlgeschlagen.",
    never: "nie",
    action:
      "Öffnen Sie den Job in Ihrem Medusa-Admin unter Autopilot, um die letzten Läufe und Fehler zu sehen.",
  },
  "autopilot.merchant.shipment_problem": {
    subject_exception: "Ein Paket der Bestellung #{order} hat ein Problem",
    subject_returned: "Ein Paket der Bestellung #{order} geht an Sie zurück",
    preview: "Der Versanddienst meldet ein Problem mit einem Paket.",
    heading: "Ein Paket braucht Ihre Aufmerksamkeit",
    intro_exception:
      "Der Versanddienst meldet ein Problem mit einem Paket der Bestellung #{order}.",
    intro_returned:
      "Ein Paket der Bestellung #{order} wird an Sie zurückgeschickt.",
    carrier_message: "Der Versanddienst meldet: {message}",
    action:
      "Kontaktieren Sie den Kunden oder den Versanddienst und prüfen Sie die Bestellung in Ihrem Medusa-Admin.",
  },
  "autopilot.merchant.low_stock": {
    subject: "{count} Varianten werden knapp",
    preview:
      "Einige Ihrer Produkte haben ihren Mindestbestand erreicht oder unterschritten.",
    heading: "Bestand wird knapp",
    intro:
      "Diese Varianten haben ihren Mindestbestand erreicht oder unterschritten:",
    available: "{count} verfügbar",
    more: "…und {count} weitere: siehe Inventar in Ihrem Medusa-Admin.",
  },
  "autopilot.shipment.shipped": {
    subject: "Ihre Bestellung #{order} ist unterwegs",
    preview: "Ihr Paket hat uns verlassen. Verfolgen Sie es bei {carrier}.",
    heading: "Ihre Bestellung ist unterwegs",
    intro:
      "Gute Nachricht: Ihr Paket hat uns verlassen und ist auf dem Weg zu Ihnen.",
  },
  "autopilot.shipment.out_for_delivery": {
    subject: "Ihre Bestellung #{order} kommt heute",
    preview: "Ihr Paket ist in der Zustellung.",
    heading: "In der Zustellung",
    intro: "Ihr Paket ist in der Zustellung und sollte heute ankommen.",
  },
  "autopilot.shipment.delivered": {
    subject: "Ihre Bestellung #{order} wurde zugestellt",
    preview: "Ihr Paket ist angekommen.",
    heading: "Zugestellt",
    intro: "Ihr Paket wurde zugestellt. Viel Freude damit!",
    not_received:
      "Nichts angekommen? Schreiben Sie uns, wir kümmern uns darum.",
  },
  "autopilot.shipment.problem": {
    subject: "Ein Zustellproblem mit Ihrer Bestellung #{order}",
    preview: "Der Versanddienst konnte Ihr Paket nicht zustellen.",
    heading: "Ein Problem mit Ihrer Zustellung",
    intro_attempt_failed:
      "Der Versanddienst wollte Ihr Paket zustellen, hat Sie aber nicht angetroffen. Meist gibt es einen neuen Versuch oder eine Nachricht, wo Sie das Paket abholen können.",
    intro_exception:
      "Der Versanddienst meldet ein Problem mit Ihrem Paket. Wir behalten es im Blick.",
    carrier_message: "Der Versanddienst meldet: {message}",
  },
  "autopilot.shipment.all_delivered": {
    subject: "Alle Pakete Ihrer Bestellung #{order} sind angekommen",
    preview: "Alle {total} Pakete wurden zugestellt.",
    heading: "Alles ist angekommen",
    intro: "Alle {total} Pakete Ihrer Bestellung wurden zugestellt.",
  },
  "autopilot.restock.confirm": {
    subject: "Bitte bestätigen Sie Ihre Verfügbarkeits-Benachrichtigung",
    preview:
      "Ein Klick, und wir sagen Ihnen Bescheid, sobald es wieder da ist.",
    heading: "Noch ein Schritt",
    intro:
      "Bestätigen Sie, dass {shop} Ihnen eine E-Mail schicken soll, sobald {product} wieder verfügbar ist.",
    this_item: "dieser Artikel",
    button: "Benachrichtigung bestätigen",
    expires: "Der Link ist 7 Tage gültig.",
    ignore:
      "Sie haben das nicht angefordert? Dann ignorieren Sie diese E-Mail; Sie hören dazu nichts mehr von uns.",
    reason:
      "Sie erhalten diese E-Mail, weil diese Adresse bei {shop} für eine Benachrichtigung eingetragen wurde, sobald ein Artikel wieder verfügbar ist.",
  },
  "autopilot.restock.available": {
    subject: "{product} ist wieder verfügbar",
    preview: "Der Artikel, auf den Sie gewartet haben, ist wieder da.",
    heading: "Wieder da!",
    intro:
      "Gute Nachricht: {product} ist bei {shop} wieder verfügbar. Der Bestand ist begrenzt, warten Sie also nicht zu lange.",
    only_left: "Nur noch {count} verfügbar.",
    button: "Jetzt kaufen",
    reason:
      "Sie erhalten diese E-Mail, weil Sie {shop} gebeten haben, Ihnen Bescheid zu geben, sobald dieser Artikel wieder verfügbar ist.",
  },
  "autopilot.merchant.shipment_late": {
    subject_delayed: "Ein Paket der Bestellung #{order} ist verspätet",
    subject_stalled: "Ein Paket der Bestellung #{order} steckt fest",
    preview_delayed: "Ein Paket hat die erwartete Zustellung überschritten.",
    preview_stalled:
      "Der Versanddienst meldet seit Tagen nichts Neues zu einem Paket.",
    heading: "Ein Paket ist verspätet",
    intro_delayed_expected:
      "Ein Paket der Bestellung #{order} sollte bis {date} ankommen und wurde noch nicht zugestellt.",
    intro_delayed:
      "Ein Paket der Bestellung #{order} hat die erwartete Zustellung des Versanddienstes überschritten.",
    intro_stalled:
      "Der Versanddienst meldet seit Tagen nichts Neues zu einem Paket der Bestellung #{order}.",
    since: "Verspätet seit {date}.",
    action:
      "Fragen Sie beim Versanddienst nach, informieren Sie den Kunden und prüfen Sie die Bestellung in Ihrem Medusa-Admin.",
  },
  "autopilot.shipment.running_late": {
    subject: "Ihre Bestellung #{order} verspätet sich",
    preview: "Ihr Paket braucht länger als erwartet.",
    heading: "Ihr Paket verspätet sich",
    intro_expected:
      "Der Versanddienst wollte Ihr Paket bis {date} zustellen, und es dauert länger.",
    intro: "Ihr Paket braucht länger, als der Versanddienst erwartet hat.",
    reassure:
      "Wir behalten es im Blick und sagen Ihnen Bescheid, sobald es ankommt.",
  },
  "autopilot.cart.reminder": {
    subject: "Sie haben etwas in Ihrem Warenkorb vergessen",
    subject_followup: "Ihr Warenkorb bei {shop} wartet noch auf Sie",
    preview:
      "Ihre Artikel sind gespeichert. Machen Sie dort weiter, wo Sie aufgehört haben.",
    heading: "Noch unentschlossen?",
    intro:
      "Diese Artikel liegen noch in Ihrem Warenkorb bei {shop}. Wir haben sie für Sie gespeichert.",
    total: "Gesamt",
    button: "Zurück zum Warenkorb",
    button_discount: "Zurück zum Warenkorb, Code eingelöst",
    preview_discount:
      "Ihre Artikel sind gespeichert, und wir haben einen Code für Sie.",
    discount_percentage: "{value} % Rabatt auf Ihren Warenkorb mit dem Code",
    discount_fixed: "{amount} Rabatt auf Ihren Warenkorb mit dem Code",
    discount_minimum: "Ab einem Warenwert von {amount}.",
    discount_expires: "Der Code gilt einmal, bis {date} (UTC).",
    reason:
      "Sie erhalten diese E-Mail, weil Sie Artikel in Ihrem Warenkorb bei {shop} gelassen haben.",
  },
}
