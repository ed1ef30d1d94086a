export * from './questionnaire';
export { submitRiskQuestionnaire, type RecordedProfile } from './profileService';
