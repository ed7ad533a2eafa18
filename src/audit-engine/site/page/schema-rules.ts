// Required and recommended properties per schema.org type, after Google Search Central's
// structured-data documentation (developers.google.com/search/docs/appearance/structured-data).
// Where Google lists no required property (Article, Organization) the fields it recommends are
// "recommended"; `oneOf` groups need any one member. Nested rules check child entities (the
// Questions of an FAQPage, the ListItems of a BreadcrumbList).

export interface PropertyRule {
  /** Property name, or alternatives of which one suffices. */
  property: string | string[];
  /** Rules for the value(s) of this property when they are objects. */
  nested?: { type: string; required: PropertyRule[]; recommended?: PropertyRule[] };
}

export interface TypeRules {
  required: PropertyRule[];
  recommended: PropertyRule[];
}

const ANSWER = { type: 'Answer', required: [{ property: 'text' }] };

const ARTICLE: TypeRules = {
  required: [],
  recommended: [
    { property: 'headline' },
    { property: 'author' },
    { property: 'datePublished' },
    { property: 'dateModified' },
    { property: 'image' },
  ],
};

export const SCHEMA_RULES: Record<string, TypeRules> = {
  Organization: {
    required: [],
    recommended: [{ property: 'name' }, { property: 'url' }, { property: 'logo' }, { property: 'sameAs' }],
  },
  WebSite: {
    required: [{ property: 'name' }, { property: 'url' }],
    recommended: [{ property: 'potentialAction' }],
  },
  Article: ARTICLE,
  BlogPosting: ARTICLE,
  NewsArticle: ARTICLE,
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
  },
  HowTo: {
    required: [{ property: 'name' }, { property: 'step' }],
    recommended: [
      { property: 'image' },
      { property: 'totalTime' },
      { property: 'supply' },
      { property: 'tool' },
    ],
  },
  Product: {
    required: [{ property: 'name' }, { property: ['offers', 'review', 'aggregateRating'] }],
    recommended: [
      { property: 'image' },
      { property: 'description' },
      { property: 'brand' },
      { property: 'sku' },
    ],
  },
  BreadcrumbList: {
    required: [
      {
        property: 'itemListElement',
        nested: { type: 'ListItem', required: [{ property: 'position' }, { property: 'name' }] },
      },
    ],
    recommended: [],
  },
  Person: { required: [{ property: 'name' }], recommended: [{ property: 'url' }, { property: 'sameAs' }] },
  LocalBusiness: {
    required: [{ property: 'name' }, { property: 'address' }],
    recommended: [
      { property: 'telephone' },
      { property: 'url' },
      { property: 'geo' },
      { property: 'openingHoursSpecification' },
      { property: 'priceRange' },
    ],
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
