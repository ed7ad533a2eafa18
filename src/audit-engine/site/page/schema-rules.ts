// Required and recommended properties per schema.org type, after Google Search Central's
// structured-data documentation (developers.google.com/search/docs/appearance/structured-data),
// one entry per type with the page it comes from. Where Google lists no required property
// (Article, Organization) the fields it recommends are "recommended"; alternatives (`['a', 'b']`)
// need any one member. Nested rules check child entities (the Questions of an FAQPage, the
// ListItems of a BreadcrumbList, the Offer of a Product). HowTo: Google retired its HowTo rich
// result and documentation in 2023; the rules keep what that page required, after schema.org.

export interface PropertyRule {
  /** Property name, or alternatives of which one suffices. */
  property: string | string[];
  /** Rules for the value(s) of this property when they are objects. */
  nested?: { type: string; required: PropertyRule[]; recommended?: PropertyRule[] };
}

export interface TypeRules {
  required: PropertyRule[];
  recommended: PropertyRule[];
  /** The documentation page the rules follow. */
  source: string;
}

const GOOGLE = 'https://developers.google.com/search/docs/appearance/structured-data';

const ANSWER = { type: 'Answer', required: [{ property: 'text' }] };
const OFFER = {
  type: 'Offer',
  required: [{ property: ['price', 'priceSpecification', 'lowPrice'] }],
  recommended: [{ property: 'priceCurrency' }, { property: 'availability' }],
};
const RATING = { type: 'Rating', required: [{ property: 'ratingValue' }] };
const REVIEWED_ITEM = { type: 'Thing', required: [{ property: 'name' }] };

const article = (source: string): TypeRules => ({
  required: [],
  recommended: [
    { property: 'headline' },
    { property: 'author' },
    { property: 'datePublished' },
    { property: 'dateModified' },
    { property: 'image' },
  ],
  source,
});

const SOFTWARE_APPLICATION: TypeRules = {
  required: [
    { property: 'name' },
    { property: 'offers', nested: OFFER },
    { property: ['aggregateRating', 'review'] },
  ],
  recommended: [{ property: 'applicationCategory' }, { property: 'operatingSystem' }],
  source: `${GOOGLE}/software-app`,
};

export const SCHEMA_RULES: Record<string, TypeRules> = {
  Organization: {
    required: [],
    recommended: [{ property: 'name' }, { property: 'url' }, { property: 'logo' }, { property: 'sameAs' }],
    source: `${GOOGLE}/organization`,
  },
  WebSite: {
    required: [{ property: 'name' }, { property: 'url' }],
    recommended: [{ property: 'alternateName' }],
    source: `${GOOGLE}/site-names`,
  },
  Article: article(`${GOOGLE}/article`),
  BlogPosting: article(`${GOOGLE}/article`),
  NewsArticle: article(`${GOOGLE}/article`),
  FAQPage: {
    required: [
      {
        property: 'mainEntity',
        nested: {
          type: 'Question',
          required: [{ property: 'name' }, { property: 'acceptedAnswer', nested: ANSWER }],
        },
      },
    ],
    recommended: [],
    source: `${GOOGLE}/faqpage`,
  },
  QAPage: {
    required: [
      {
        property: 'mainEntity',
        nested: {
          type: 'Question',
          required: [
            { property: 'name' },
            { property: 'answerCount' },
            { property: ['acceptedAnswer', 'suggestedAnswer'] },
          ],
          recommended: [{ property: 'text' }, { property: 'author' }, { property: 'datePublished' }],
        },
      },
    ],
    recommended: [],
    source: `${GOOGLE}/qapage`,
  },
  HowTo: {
    required: [{ property: 'name' }, { property: 'step' }],
    recommended: [
      { property: 'image' },
      { property: 'totalTime' },
      { property: 'supply' },
      { property: 'tool' },
    ],
    source: 'https://schema.org/HowTo',
  },
  Product: {
    required: [{ property: 'name' }, { property: ['offers', 'review', 'aggregateRating'] }],
    recommended: [
      { property: 'image' },
      { property: 'description' },
      { property: 'brand' },
      { property: 'sku' },
      { property: 'offers', nested: OFFER },
    ],
    source: `${GOOGLE}/product-snippet`,
  },
  Offer: {
    required: OFFER.required,
    recommended: OFFER.recommended,
    source: `${GOOGLE}/merchant-listing`,
  },
  BreadcrumbList: {
    required: [
      {
        property: 'itemListElement',
        nested: { type: 'ListItem', required: [{ property: 'position' }, { property: 'name' }] },
      },
    ],
    recommended: [],
    source: `${GOOGLE}/breadcrumb`,
  },
  Person: {
    required: [{ property: 'name' }],
    recommended: [{ property: 'url' }, { property: 'sameAs' }],
    source: `${GOOGLE}/profile-page`,
  },
  LocalBusiness: {
    required: [{ property: 'name' }, { property: 'address' }],
    recommended: [
      { property: 'telephone' },
      { property: 'url' },
      { property: 'geo' },
      { property: 'openingHoursSpecification' },
      { property: 'priceRange' },
    ],
    source: `${GOOGLE}/local-business`,
  },
  SoftwareApplication: SOFTWARE_APPLICATION,
  MobileApplication: SOFTWARE_APPLICATION,
  WebApplication: SOFTWARE_APPLICATION,
  Review: {
    required: [
      { property: 'author' },
      { property: 'itemReviewed', nested: REVIEWED_ITEM },
      { property: 'reviewRating', nested: RATING },
    ],
    recommended: [{ property: 'datePublished' }],
    source: `${GOOGLE}/review-snippet`,
  },
};

export const ARTICLE_TYPES = new Set(['Article', 'BlogPosting', 'NewsArticle']);

/**
 * schema.org Organization and its common subtypes (LocalBusiness and its many children included):
 * any of them says who is behind the site. Types ending in "Organization" count too.
 */
export const ORGANIZATION_TYPES: ReadonlySet<string> = new Set([
  'Organization',
  'Corporation',
  'NGO',
  'EducationalOrganization',
  'CollegeOrUniversity',
  'School',
  'GovernmentOrganization',
  'NewsMediaOrganization',
  'MedicalOrganization',
  'PerformingGroup',
  'SportsOrganization',
  'SportsTeam',
  'Airline',
  'Consortium',
  'OnlineBusiness',
  'OnlineStore',
  'LocalBusiness',
  'Restaurant',
  'FoodEstablishment',
  'CafeOrCoffeeShop',
  'Bakery',
  'BarOrPub',
  'Brewery',
  'Winery',
  'FastFoodRestaurant',
  'IceCreamShop',
  'Store',
  'ClothingStore',
  'ElectronicsStore',
  'GroceryStore',
  'BookStore',
  'HardwareStore',
  'FurnitureStore',
  'Hotel',
  'Motel',
  'LodgingBusiness',
  'BedAndBreakfast',
  'Resort',
  'MedicalBusiness',
  'MedicalClinic',
  'Dentist',
  'Physician',
  'Pharmacy',
  'Optician',
  'LegalService',
  'Attorney',
  'Notary',
  'FinancialService',
  'AccountingService',
  'BankOrCreditUnion',
  'InsuranceAgency',
  'RealEstateAgent',
  'AutomotiveBusiness',
  'AutoDealer',
  'AutoRepair',
  'HomeAndConstructionBusiness',
  'Electrician',
  'Plumber',
  'HVACBusiness',
  'RoofingContractor',
  'GeneralContractor',
  'ProfessionalService',
  'SportsActivityLocation',
  'ExerciseGym',
  'EntertainmentBusiness',
  'HealthAndBeautyBusiness',
  'BeautySalon',
  'DaySpa',
  'HairSalon',
  'TravelAgency',
  'ChildCare',
  'DryCleaningOrLaundry',
  'EmploymentAgency',
  'TouristInformationCenter',
  'AnimalShelter',
  'Library',
]);

/** An entity that identifies the site's owner: an Organization (any subtype) or a Person. */
export const isEntityType = (type: string): boolean =>
  type === 'Person' || ORGANIZATION_TYPES.has(type) || /Organization$/.test(type);
