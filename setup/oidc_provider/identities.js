// Demo identities of the eSignet-like provider. The account id is the national ID
// (what the ID system knows); clients only ever see a pairwise `sub`.

// A 1x1 PNG: eSignet sends the photo as a data URI in the `picture` claim.
const PICTURE =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

export const DEFAULT_IDENTITIES = [
  {
    individual_id: "1234567890",
    given_name: "Amina",
    family_name: "Diallo",
    "name#en": "Amina Diallo",
    "name#fr": "Amina Diallo",
    gender: "Female",
    birthdate: "1988/04/12",
    email: "amina.diallo@example.com",
    email_verified: true,
    phone_number: "+221771234567",
    phone_number_verified: true,
    address: {
      street_address: "12 Rue des Baobabs",
      locality: "Dakar",
      postal_code: "10200",
      country: "SN",
    },
    picture: PICTURE,
  },
  {
    individual_id: "2345678901",
    given_name: "Kofi",
    family_name: "Mensah",
    "name#en": "Kofi Mensah",
    "name#fr": "Kofi Mensah",
    gender: "Male",
    birthdate: "1979/09/30",
    email: "kofi.mensah@example.com",
    email_verified: true,
    phone_number: "+233201234567",
    phone_number_verified: true,
    address: {
      street_address: "4 Independence Avenue",
      locality: "Accra",
      postal_code: "GA-183",
      country: "GH",
    },
  },
  {
    individual_id: "5550001112",
    given_name: "Awa",
    middle_name: "Mariama",
    family_name: "Ndiaye",
    "name#en": "Awa Mariama Ndiaye",
    "name#fr": "Awa Mariama Ndiaye",
    gender: "Female",
    birthdate: "1995/07/21",
    email: "awa.ndiaye@example.com",
    email_verified: true,
    phone_number: "+221765550111",
    phone_number_verified: true,
    address: {
      street_address: "7 Avenue Cheikh Anta Diop",
      locality: "Thiès",
      postal_code: "21000",
      country: "SN",
    },
    picture: PICTURE,
  },
];

// Every claim the provider can release; `profile`, `email`, `phone`, `address` follow
// OpenID Connect Core, `individual_id` is eSignet's claim carrying the ID number.
export const CLAIMS = {
  openid: ["sub"],
  profile: [
    "name#en",
    "name#fr",
    "given_name",
    "middle_name",
    "family_name",
    "gender",
    "birthdate",
    "picture",
    "locale",
  ],
  email: ["email", "email_verified"],
  phone: ["phone_number", "phone_number_verified"],
  address: ["address"],
  individual_id: null,
  name: null,
};
