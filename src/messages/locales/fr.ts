import type { Catalog } from "./types"

/** French (Français). Same keys as the English catalog. */
export const fr: Catalog = {
  common: {
    unsubscribe: "Se désabonner",
    unsubscribe_line: "Vous ne souhaitez plus recevoir ces e-mails ?",
    questions: "Des questions ? Écrivez-nous à {email}.",
    sent_by: "Envoyé par {shop}",
    quantity: "Qté {quantity}",
    order_label: "Commande",
    parcel_label: "Colis",
    items_heading: "Dans ce colis",
    carrier: "Transporteur",
    tracking_number: "Numéro de suivi",
    estimated_delivery: "Livraison prévue",
    parcel: "{index} sur {total}",
    track_button: "Suivre votre colis",
    customer_reason:
      "Vous recevez cet e-mail parce que vous avez passé commande chez {shop}.",
    merchant_reason:
      "Vous recevez cette alerte parce que cette adresse est l'e-mail du marchand dans les réglages Autopilot de {shop}.",
    amount: "Montant",
    customer: "Client",
    provider: "Prestataire",
    reference: "Référence",
    none: "aucune",
  },
  "autopilot.merchant.attention": {
    subject: "Un paiement demande votre attention",
    preview: "Autopilot n'a pas pu régler un paiement seul.",
    heading: "Un paiement demande votre attention",
    intro: "Autopilot n'a pas pu régler ce paiement seul. Raison : {reason}.",
    cart: "Panier",
    payment: "Paiement",
    refunded: "Remboursé ou annulé par Medusa",
    yes: "oui",
    no: "non",
    action:
      "Ouvrez le paiement du panier dans votre admin Medusa et décidez s'il faut finaliser la commande ou rembourser le client.",
  },
  "autopilot.merchant.job_paused": {
    subject: "Autopilot a désactivé « {job} »",
    preview: "La tâche a échoué {count} fois de suite.",
    heading: "Autopilot a désactivé « {job} »",
    intro:
      "« {job} » a échoué {count} fois de suite, Autopilot l'a donc désactivée.",
    last_error: "Dernière erreur",
    action:
      "Corrigez la cause, puis réactivez la tâche dans votre admin Medusa, sous Autopilot.",
  },
  "autopilot.merchant.job_stale": {
    subject: "« {job} » n'a pas réussi depuis le {date}",
    preview: "Une tâche de fond ne réussit plus.",
    heading: "« {job} » ne réussit plus depuis un moment",
    intro:
      "La dernière exécution réussie de « {job} » date du {date}. Depuis, elle a échoué {count} fois de suite.",
    never: "jamais",
    action:
      "Ouvrez la tâche dans votre admin Medusa, sous Autopilot, pour voir ses dernières exécutions et erreurs.",
  },
  "autopilot.merchant.shipment_problem": {
    subject_exception: "Un colis de la commande #{order} a un problème",
    subject_returned: "Un colis de la commande #{order} vous est retourné",
    preview: "Le transporteur signale un problème avec un colis.",
    heading: "Un colis demande votre attention",
    intro_exception:
      "Le transporteur signale un problème avec un colis de la commande #{order}.",
    intro_returned: "Un colis de la commande #{order} vous est retourné.",
    carrier_message: "Le transporteur indique : {message}",
    action:
      "Contactez le client ou le transporteur, et vérifiez la commande dans votre admin Medusa.",
  },
  "autopilot.merchant.low_stock": {
    subject: "{count} variantes bientôt en rupture",
    preview: "Certains produits ont atteint leur seuil de stock bas.",
    heading: "Stock bas",
    intro: "Ces variantes sont à leur seuil de stock bas ou en dessous :",
    available: "{count} disponibles",
    more: "…et {count} de plus : voir Inventaire dans votre admin Medusa.",
  },
  "autopilot.shipment.shipped": {
    subject: "Votre commande #{order} est en route",
    preview: "Votre colis est parti. Suivez-le chez {carrier}.",
    heading: "Votre commande est en route",
    intro:
      "Bonne nouvelle : votre colis est parti et il est en route vers vous.",
  },
  "autopilot.shipment.out_for_delivery": {
    subject: "Votre commande #{order} arrive aujourd'hui",
    preview: "Votre colis est en cours de livraison.",
    heading: "En cours de livraison",
    intro:
      "Votre colis est en cours de livraison et devrait arriver aujourd'hui.",
  },
  "autopilot.shipment.delivered": {
    subject: "Votre commande #{order} a été livrée",
    preview: "Votre colis est arrivé.",
    heading: "Livré",
    intro: "Votre colis a été livré. Nous espérons qu'il vous plaira !",
    not_received:
      "Vous ne l'avez pas reçu ? Écrivez-nous et nous nous en occupons.",
  },
  "autopilot.shipment.problem": {
    subject: "Un problème de livraison pour votre commande #{order}",
    preview: "Le transporteur n'a pas pu livrer votre colis.",
    heading: "Un problème avec votre livraison",
    intro_attempt_failed:
      "Le transporteur a tenté de livrer votre colis, sans succès. En général, il repasse ou laisse un avis indiquant où le retirer.",
    intro_exception:
      "Le transporteur signale un problème avec votre colis. Nous le surveillons.",
    carrier_message: "Le transporteur indique : {message}",
  },
  "autopilot.shipment.all_delivered": {
    subject: "Tous les colis de votre commande #{order} sont arrivés",
    preview: "Les {total} colis ont été livrés.",
    heading: "Tout est arrivé",
    intro: "Les {total} colis de votre commande ont été livrés.",
  },
  "autopilot.restock.confirm": {
    subject: "Confirmez votre alerte de retour en stock",
    preview: "Un clic et nous vous prévenons dès son retour.",
    heading: "Encore une étape",
    intro:
      "Confirmez que vous souhaitez recevoir un e-mail de {shop} dès que {product} sera de nouveau en stock.",
    this_item: "cet article",
    button: "Confirmer mon alerte",
    expires: "Le lien est valable 7 jours.",
    ignore:
      "Vous n'avez rien demandé ? Ignorez cet e-mail et nous ne vous contacterons pas à ce sujet.",
    reason:
      "Vous recevez cet e-mail parce que cette adresse a été saisie chez {shop} pour être prévenue du retour en stock d'un article.",
  },
  "autopilot.restock.available": {
    subject: "{product} est de nouveau en stock",
    preview: "L'article que vous attendiez est de nouveau disponible.",
    heading: "Il est de retour !",
    intro:
      "Bonne nouvelle : {product} est de nouveau disponible chez {shop}. Le stock est limité, ne tardez pas trop.",
    only_left: "Plus que {count} en stock.",
    button: "Acheter maintenant",
    reason:
      "Vous recevez cet e-mail parce que vous avez demandé à {shop} de vous prévenir du retour en stock de cet article.",
  },
  "autopilot.merchant.shipment_late": {
    subject_delayed: "Un colis de la commande #{order} est en retard",
    subject_stalled: "Un colis de la commande #{order} est bloqué",
    preview_delayed: "Un colis a dépassé la date de livraison prévue.",
    preview_stalled:
      "Le transporteur n'a rien signalé sur un colis depuis plusieurs jours.",
    heading: "Un colis est en retard",
    intro_delayed_expected:
      "Un colis de la commande #{order} était attendu pour le {date} et n'a pas été livré.",
    intro_delayed:
      "Un colis de la commande #{order} a dépassé la livraison prévue par le transporteur.",
    intro_stalled:
      "Le transporteur n'a rien signalé de nouveau sur un colis de la commande #{order} depuis plusieurs jours.",
    since: "En retard depuis le {date}.",
    action:
      "Renseignez-vous auprès du transporteur, prévenez le client et consultez la commande dans votre admin Medusa.",
  },
  "autopilot.shipment.running_late": {
    subject: "Votre commande #{order} a du retard",
    preview: "Votre colis met plus de temps que prévu.",
    heading: "Votre colis a du retard",
    intro_expected:
      "Le transporteur prévoyait de livrer votre colis le {date}, et cela prend plus de temps.",
    intro: "Votre colis met plus de temps que prévu par le transporteur.",
    reassure: "Nous le suivons de près et vous préviendrons dès son arrivée.",
  },
  "autopilot.cart.reminder": {
    subject: "Vous avez oublié quelque chose dans votre panier",
    subject_followup: "Votre panier chez {shop} vous attend toujours",
    preview: "Vos articles sont gardés. Reprenez là où vous en étiez.",
    heading: "Vous hésitez encore ?",
    intro:
      "Ces articles sont toujours dans votre panier chez {shop}. Nous les avons gardés pour vous.",
    total: "Total",
    button: "Retourner à mon panier",
    button_discount: "Retourner à mon panier, code appliqué",
    preview_discount: "Vos articles sont gardés, et voici un code pour vous.",
    discount_percentage: "{value} % de réduction sur votre panier avec le code",
    discount_fixed: "{amount} de réduction sur votre panier avec le code",
    discount_minimum: "Pour un panier d'au moins {amount}.",
    discount_expires: "Le code s'utilise une fois, jusqu'au {date} (UTC).",
    reason:
      "Vous recevez cet e-mail parce que vous avez laissé des articles dans votre panier chez {shop}.",
  },
}
