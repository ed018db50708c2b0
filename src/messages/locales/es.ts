import type { Catalog } from "./types"

/** Spanish (Español). Same keys as the English catalog. */
export const es: Catalog = {
  common: {
    unsubscribe: "Darse de baja",
    unsubscribe_line: "¿Ya no quieres recibir estos correos?",
    questions: "¿Preguntas? Escríbenos a {email}.",
    sent_by: "Enviado por {shop}",
    quantity: "Cant. {quantity}",
    order_label: "Pedido",
    parcel_label: "Paquete",
    items_heading: "En este paquete",
    carrier: "Transportista",
    tracking_number: "Número de seguimiento",
    estimated_delivery: "Entrega prevista",
    parcel: "{index} de {total}",
    track_button: "Seguir tu paquete",
    customer_reason: "Recibes este correo porque hiciste un pedido en {shop}.",
    merchant_reason:
      "Recibes este aviso porque esta dirección es el correo del comerciante en los ajustes de Autopilot de {shop}.",
    amount: "Importe",
    customer: "Cliente",
    provider: "Proveedor",
    reference: "Referencia",
    none: "ninguna",
  },
  "autopilot.merchant.attention": {
    subject: "Un pago requiere tu atención",
    preview: "Autopilot no pudo resolver un pago por sí solo.",
    heading: "Un pago requiere tu atención",
    intro:
      "Autopilot no pudo resolver este pago por sí solo. Motivo: {reason}.",
    cart: "Carrito",
    payment: "Pago",
    refunded: "Reembolsado o cancelado por Medusa",
    yes: "sí",
    no: "no",
    action:
      "Abre el pago del carrito en tu admin de Medusa y decide si completar el pedido o reembolsar al cliente.",
  },
  "autopilot.merchant.job_paused": {
    subject: "Autopilot desactivó «{job}»",
    preview: "La tarea falló {count} veces seguidas.",
    heading: "Autopilot desactivó «{job}»",
    intro:
      "«{job}» falló {count} veces seguidas, así que Autopilot la desactivó.",
    last_error: "Último error",
    action:
      "Corrige la causa y vuelve a activar la tarea en tu admin de Medusa, en Autopilot.",
  },
  "autopilot.merchant.job_stale": {
    subject: "«{job}» no ha funcionado desde el {date}",
    preview: "Una tarea en segundo plano ya no funciona.",
    heading: "«{job}» lleva tiempo sin funcionar",
    intro:
      "La última ejecución correcta de «{job}» fue el {date}. Desde entonces ha fallado {count} veces seguidas.",
    never: "nunca",
    action:
      "Abre la tarea en tu admin de Medusa, en Autopilot, para ver sus últimas ejecuciones y errores.",
  },
  "autopilot.merchant.shipment_problem": {
    subject_exception: "Un paquete del pedido #{order} tiene un problema",
    subject_returned: "Un paquete del pedido #{order} vuelve a ti",
    preview: "El transportista informa de un problema con un paquete.",
    heading: "Un paquete requiere tu atención",
    intro_exception:
      "El transportista informa de un problema con un paquete del pedido #{order}.",
    intro_returned: "Un paquete del pedido #{order} se está devolviendo a ti.",
    carrier_message: "El transportista dice: {message}",
    action:
      "Ponte en contacto con el cliente o el transportista y revisa el pedido en tu admin de Medusa.",
  },
  "autopilot.merchant.low_stock": {
    subject: "{count} variantes se están agotando",
    preview: "Algunos productos están en su umbral de stock bajo o por debajo.",
    heading: "Stock bajo",
    intro: "Estas variantes están en su umbral de stock bajo o por debajo:",
    available: "{count} disponibles",
    more: "…y {count} más: consulta Inventario en tu admin de Medusa.",
  },
  "autopilot.shipment.shipped": {
    subject: "Tu pedido #{order} está en camino",
    preview: "Tu paquete ya ha salido. Síguelo con {carrier}.",
    heading: "Tu pedido está en camino",
    intro: "Buenas noticias: tu paquete ya ha salido y va de camino.",
  },
  "autopilot.shipment.out_for_delivery": {
    subject: "Tu pedido #{order} llega hoy",
    preview: "Tu paquete está en reparto.",
    heading: "En reparto",
    intro: "Tu paquete está en reparto y debería llegar hoy.",
  },
  "autopilot.shipment.delivered": {
    subject: "Tu pedido #{order} ha sido entregado",
    preview: "Tu paquete ha llegado.",
    heading: "Entregado",
    intro: "Tu paquete ha sido entregado. ¡Esperamos que lo disfrutes!",
    not_received: "¿No lo has recibido? Escríbenos y lo solucionamos.",
  },
  "autopilot.shipment.problem": {
    subject: "Un problema con la entrega de tu pedido #{order}",
    preview: "El transportista no pudo entregar tu paquete.",
    heading: "Un problema con tu entrega",
    intro_attempt_failed:
      "El transportista intentó entregar tu paquete, pero no pudo. Normalmente lo vuelve a intentar o deja un aviso indicando dónde recogerlo.",
    intro_exception:
      "El transportista informa de un problema con tu paquete. Lo estamos vigilando.",
    carrier_message: "El transportista dice: {message}",
  },
  "autopilot.shipment.all_delivered": {
    subject: "Todos los paquetes de tu pedido #{order} han llegado",
    preview: "Se han entregado los {total} paquetes.",
    heading: "Ha llegado todo",
    intro: "Se han entregado los {total} paquetes de tu pedido.",
  },
  "autopilot.restock.confirm": {
    subject: "Confirma tu aviso de nuevo en stock",
    preview: "Un clic y te avisamos cuando vuelva.",
    heading: "Un paso más",
    intro:
      "Confirma que quieres recibir un correo de {shop} cuando {product} vuelva a estar disponible.",
    this_item: "este artículo",
    button: "Confirmar mi aviso",
    expires: "El enlace es válido durante 7 días.",
    ignore:
      "¿No lo has pedido tú? Ignora este correo y no te escribiremos sobre ello.",
    reason:
      "Recibes este correo porque esta dirección se introdujo en {shop} para recibir un aviso cuando un artículo vuelva a estar disponible.",
  },
  "autopilot.restock.available": {
    subject: "{product} vuelve a estar disponible",
    preview: "El artículo que esperabas vuelve a estar disponible.",
    heading: "¡Ha vuelto!",
    intro:
      "Buenas noticias: {product} vuelve a estar disponible en {shop}. Las existencias son limitadas, así que no esperes demasiado.",
    only_left: "Solo quedan {count}.",
    button: "Comprar ahora",
    reason:
      "Recibes este correo porque pediste a {shop} que te avisara cuando este artículo volviera a estar disponible.",
  },
  "autopilot.merchant.shipment_late": {
    subject_delayed: "Un paquete del pedido #{order} llega tarde",
    subject_stalled: "Un paquete del pedido #{order} está atascado",
    preview_delayed: "Un paquete ha superado la entrega prevista.",
    preview_stalled:
      "El transportista no informa nada de un paquete desde hace días.",
    heading: "Un paquete llega tarde",
    intro_delayed_expected:
      "Un paquete del pedido #{order} se esperaba para el {date} y no se ha entregado.",
    intro_delayed:
      "Un paquete del pedido #{order} ha superado la entrega prevista por el transportista.",
    intro_stalled:
      "El transportista no informa nada nuevo de un paquete del pedido #{order} desde hace días.",
    since: "Con retraso desde el {date}.",
    action:
      "Consulta con el transportista, avisa al cliente y revisa el pedido en tu admin de Medusa.",
  },
  "autopilot.shipment.running_late": {
    subject: "Tu pedido #{order} se está retrasando",
    preview: "Tu paquete está tardando más de lo previsto.",
    heading: "Tu paquete se está retrasando",
    intro_expected:
      "El transportista preveía entregar tu paquete el {date} y está tardando más.",
    intro: "Tu paquete está tardando más de lo que preveía el transportista.",
    reassure: "Lo estamos vigilando y te avisaremos cuando llegue.",
  },
  "autopilot.cart.reminder": {
    subject: "Te has dejado algo en el carrito",
    subject_followup: "Tu carrito en {shop} te sigue esperando",
    preview: "Tus artículos están guardados. Sigue donde lo dejaste.",
    heading: "¿Todavía lo estás pensando?",
    intro:
      "Estos artículos siguen en tu carrito de {shop}. Los hemos guardado para ti.",
    total: "Total",
    button: "Volver a mi carrito",
    button_discount: "Volver a mi carrito con el código aplicado",
    preview_discount:
      "Tus artículos están guardados y tenemos un código para ti.",
    discount_percentage:
      "Un {value} % de descuento en tu carrito con el código",
    discount_fixed: "{amount} de descuento en tu carrito con el código",
    discount_minimum: "Para carritos a partir de {amount}.",
    discount_expires: "El código vale una vez, hasta el {date} (UTC).",
    reason:
      "Recibes este correo porque dejaste artículos en tu carrito de {shop}.",
  },
}
