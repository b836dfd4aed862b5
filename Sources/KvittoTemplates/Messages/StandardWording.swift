/// The words of the standard templates in one language. Mustache text: the greeting and some intros name
/// merge fields.
struct StandardWording: Sendable {
    let language: String

    let greeting: String
    let signOff: String

    let orderConfirmationName: String
    let orderConfirmationSubject: String
    let orderConfirmationHeading: String
    let orderConfirmationIntro: String
    let orderConfirmationClosing: String

    let shippingName: String
    let shippingSubject: String
    let shippingHeading: String
    let shippingIntro: String
    let shippingClosing: String

    let deliveryName: String
    let deliverySubject: String
    let deliveryHeading: String
    let deliveryIntro: String
    let deliveryClosing: String

    let thankYouName: String
    let thankYouSubject: String
    let thankYouHeading: String
    let thankYouIntro: String
    let thankYouInvite: String
    let thankYouClosing: String

    let receiptName: String
    let receiptSubject: String
    let receiptHeading: String
    let receiptIntro: String
    let receiptClosing: String

    let orderNumber: String
    let orderDate: String
    let product: String
    let quantity: String
    let amount: String
    let subtotal: String
    let shippingCost: String
    let total: String
    let vatIncluded: String
    let deliveryAddress: String
    let shippingMethod: String
    let carrier: String
    let trackingNumber: String
    let trackParcel: String
    let receiptNumber: String
    let purchaseDate: String
    let store: String
    let register: String
    let servedBy: String
    let payment: String

    static let languages = [swedish, english]

    static let swedish = StandardWording(
        language: "sv",
        greeting: "Hej{{#contact.first_name}} {{contact.first_name}}{{/contact.first_name}}!",
        signOff: "Vänliga hälsningar",
        orderConfirmationName: "Orderbekräftelse",
        orderConfirmationSubject: "Tack för din beställning – order {{order.number}}",
        orderConfirmationHeading: "Tack för din beställning",
        orderConfirmationIntro: "Vi har tagit emot din order {{order.number}} och börjar förbereda den. Här är en sammanställning.",
        orderConfirmationClosing: "Du får ett nytt mejl när ordern har skickats. Har du frågor är du välkommen att svara på det här mejlet.",
        shippingName: "Skickbekräftelse",
        shippingSubject: "Din order {{order.number}} är på väg",
        shippingHeading: "Din order är på väg",
        shippingIntro: "Goda nyheter – din order {{order.number}} har skickats med {{shipping.carrier}}.",
        shippingClosing: "Det kan dröja några timmar innan försändelsen syns i spårningen.",
        deliveryName: "Leveransbekräftelse",
        deliverySubject: "Din order {{order.number}} har levererats",
        deliveryHeading: "Din order har levererats",
        deliveryIntro: "Enligt {{shipping.carrier}} har din order {{order.number}} nu levererats.",
        deliveryClosing: "Har du inte fått paketet, eller är något fel med det? Svara på det här mejlet så hjälper vi dig.",
        thankYouName: "Tack för ditt köp",
        thankYouSubject: "Tack för att du handlade hos oss",
        thankYouHeading: "Tack för ditt köp",
        thankYouIntro: "Vi hoppas att du är nöjd med din order {{order.number}}.",
        thankYouInvite: "Berätta gärna vad du tycker – svara bara på det här mejlet. Dina synpunkter hjälper oss att bli bättre.",
        thankYouClosing: "Välkommen tillbaka!",
        receiptName: "Digitalt kvitto",
        receiptSubject: "Ditt kvitto – köp {{order.number}}",
        receiptHeading: "Ditt kvitto",
        receiptIntro: "Tack för ditt köp i butiken. Här är en kopia av ditt kvitto.",
        receiptClosing: "Spara gärna mejlet – det gäller som kvitto vid byte och reklamation.",
        orderNumber: "Ordernummer", orderDate: "Orderdatum", product: "Artikel", quantity: "Antal", amount: "Belopp",
        subtotal: "Delsumma", shippingCost: "Frakt", total: "Totalt", vatIncluded: "Varav moms",
        deliveryAddress: "Leveransadress", shippingMethod: "Leveranssätt", carrier: "Transportör", trackingNumber: "Kollinummer",
        trackParcel: "Spåra paketet", receiptNumber: "Kvittonummer", purchaseDate: "Datum", store: "Butik", register: "Kassa",
        servedBy: "Expedit", payment: "Betalning"
    )

    static let english = StandardWording(
        language: "en",
        greeting: "Hi{{#contact.first_name}} {{contact.first_name}}{{/contact.first_name}},",
        signOff: "Kind regards",
        orderConfirmationName: "Order confirmation",
        orderConfirmationSubject: "Thank you for your order – order {{order.number}}",
        orderConfirmationHeading: "Thank you for your order",
        orderConfirmationIntro: "We have received your order {{order.number}} and are getting it ready. Here is a summary.",
        orderConfirmationClosing: "We will e-mail you again when your order has been sent. If you have any questions, just reply to this e-mail.",
        shippingName: "Shipping confirmation",
        shippingSubject: "Your order {{order.number}} is on its way",
        shippingHeading: "Your order is on its way",
        shippingIntro: "Good news – your order {{order.number}} has been sent with {{shipping.carrier}}.",
        shippingClosing: "It can take a few hours before the parcel shows up in tracking.",
        deliveryName: "Delivery confirmation",
        deliverySubject: "Your order {{order.number}} has been delivered",
        deliveryHeading: "Your order has been delivered",
        deliveryIntro: "According to {{shipping.carrier}}, your order {{order.number}} has now been delivered.",
        deliveryClosing: "Haven't received the parcel, or is something wrong with it? Reply to this e-mail and we will help you.",
        thankYouName: "Thank you for your purchase",
        thankYouSubject: "Thank you for shopping with us",
        thankYouHeading: "Thank you for your purchase",
        thankYouIntro: "We hope you are happy with your order {{order.number}}.",
        thankYouInvite: "We would love to hear what you think – just reply to this e-mail. Your feedback helps us do better.",
        thankYouClosing: "We look forward to seeing you again!",
        receiptName: "Digital receipt",
        receiptSubject: "Your receipt – purchase {{order.number}}",
        receiptHeading: "Your receipt",
        receiptIntro: "Thank you for shopping in our store. Here is a copy of your receipt.",
        receiptClosing: "Please keep this e-mail – it serves as your receipt for exchanges and returns.",
        orderNumber: "Order number", orderDate: "Order date", product: "Item", quantity: "Qty", amount: "Amount",
        subtotal: "Subtotal", shippingCost: "Shipping", total: "Total", vatIncluded: "Including VAT",
        deliveryAddress: "Delivery address", shippingMethod: "Delivery method", carrier: "Carrier", trackingNumber: "Tracking number",
        trackParcel: "Track your parcel", receiptNumber: "Receipt number", purchaseDate: "Date", store: "Store", register: "Register",
        servedBy: "Served by", payment: "Payment"
    )
}
