// The classifiers the catalogue uses (published as the taxonomy open dataset). Life and business events follow the
// events of the EU Single Digital Gateway and the CPSV-AP examples; thematic areas follow the portal's topics.
type Concept = readonly [code: string, lv: string, en: string];

export const taxonomy: Record<'thematic-area' | 'life-event' | 'business-event' | 'channel', readonly Concept[]> = {
  'thematic-area': [
    ['residence-and-migration', 'Dzīvesvieta un migrācija', 'Residence and migration'],
    ['identity-documents', 'Personu apliecinoši dokumenti', 'Identity documents'],
    ['taxes', 'Nodokļi', 'Taxes'],
    ['transport', 'Transports un satiksme', 'Transport and traffic'],
    ['property-and-land', 'Īpašums un zeme', 'Property and land'],
    ['business-and-trade', 'Uzņēmējdarbība un tirdzniecība', 'Business and trade'],
    ['education', 'Izglītība', 'Education'],
    ['family', 'Ģimene un bērni', 'Family and children'],
  ],
  'life-event': [
    ['moving-house', 'Dzīvesvietas maiņa', 'Moving house'],
    ['having-a-child', 'Bērna piedzimšana', 'Having a child'],
    ['starting-school', 'Bērna izglītība', 'A child starting education'],
    ['travelling-abroad', 'Ceļošana uz ārvalstīm', 'Travelling abroad'],
    ['buying-a-vehicle', 'Transportlīdzekļa iegāde', 'Buying a vehicle'],
    ['driving', 'Transportlīdzekļa vadīšana', 'Driving'],
    ['buying-property', 'Nekustamā īpašuma iegāde', 'Buying property'],
    ['earning-income', 'Ienākumu gūšana', 'Earning an income'],
    ['becoming-an-adult', 'Pilngadības sasniegšana', 'Becoming an adult'],
  ],
  'business-event': [
    ['starting-a-business', 'Uzņēmuma dibināšana', 'Starting a business'],
    ['doing-business', 'Uzņēmējdarbības veikšana', 'Doing business'],
    ['selling-goods-in-public', 'Tirdzniecība publiskās vietās', 'Selling goods in public places'],
    ['paying-taxes', 'Nodokļu maksāšana', 'Paying taxes'],
    ['closing-a-business', 'Uzņēmuma likvidācija', 'Closing a business'],
  ],
  channel: [
    ['eservice', 'E-pakalpojums', 'E-service'],
    ['in_person', 'Klātienē', 'In person'],
    ['phone', 'Pa tālruni', 'By phone'],
    ['email', 'Ar e-pastu', 'By e-mail'],
    ['post', 'Pa pastu', 'By post'],
  ],
};
